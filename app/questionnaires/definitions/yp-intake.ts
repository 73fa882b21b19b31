import type { QuestionnaireDefinitionInput } from "../definition-schema";
import { howIFeelScore, safeHomeScore, youngPersonItems, youngPersonWorkerItems, ypIntakeWorkerItems } from "./shared";

/**
 * A child or young person at the start of support: their own faces (so exit can be compared with
 * them) and the children's caseworker's items on the same record. Children's answers are never
 * shown to either parent.
 */
export const ypIntake: QuestionnaireDefinitionInput = {
  key: "yp-intake",
  version: 3,
  title: "About me",
  audience: "YOUNG_PERSON",
  stage: "INTAKE",
  sections: [
    {
      key: "how-i-feel",
      title: { default: "How I feel", "under-8": "Me" },
      items: youngPersonItems,
    },
    { key: "worker-assessment", title: "Caseworker's record at the start", items: [...youngPersonWorkerItems("intake"), ...ypIntakeWorkerItems] },
  ],
  scores: [howIFeelScore, safeHomeScore],
};
