import type { QuestionnaireDefinitionInput } from "../definition-schema";
import { howIFeelScore, safeHomeScore, youngPersonItems, youngPersonText } from "./shared";

/** A child or young person's check-in, in wording for their age. */
export const ypCheckin: QuestionnaireDefinitionInput = {
  key: "yp-checkin",
  version: 2,
  title: "How I'm doing",
  audience: "YOUNG_PERSON",
  stage: "CHECK_IN",
  sections: [
    {
      key: "how-i-feel",
      title: { default: "How I feel", "under-8": "Me" },
      items: [
        ...youngPersonItems,
        youngPersonText("anything-else", {
          default: "Is there anything else you want to tell us?",
          "8-12": "Is there anything else you want to tell us?",
          "13-17": "Is there anything else you would like your worker to know?",
        }),
      ],
    },
  ],
  scores: [howIFeelScore, safeHomeScore],
};
