import type { QuestionnaireDefinitionInput } from "../definition-schema";
import { howIFeelScore, safeHomeScore, youngPersonItems, youngPersonText, youngPersonWorkerItems, ypSupportItems } from "./shared";

/** A child or young person at the end of support, with the caseworker's items on the same record. */
export const ypExit: QuestionnaireDefinitionInput = {
  key: "yp-exit",
  version: 3,
  title: "Looking back",
  audience: "YOUNG_PERSON",
  stage: "EXIT",
  sections: [
    {
      key: "how-i-feel",
      title: { default: "How I feel now", "under-8": "Me" },
      items: [
        ...youngPersonItems,
        youngPersonText("what-helped", {
          default: "What helped you most?",
          "8-12": "What helped you most while we were working together?",
          "13-17": "Looking back, what helped you most?",
        }),
      ],
    },
    { key: "worker-assessment", title: "Caseworker's record at the end", items: [...youngPersonWorkerItems("exit"), ...ypSupportItems] },
  ],
  scores: [howIFeelScore, safeHomeScore],
};
