import type { QuestionnaireDefinitionInput } from "../definition-schema";
import { feelSafeScore, feelWellScore, safeAtHomeNow, yesNo } from "./shared";

/** Adult victim-survivor, a short check-in between sessions. */
export const adultCheckin: QuestionnaireDefinitionInput = {
  key: "adult-checkin",
  version: 2,
  title: "Check-in",
  audience: "ADULT_SURVIVOR",
  stage: "CHECK_IN",
  sections: [
    {
      key: "check-in",
      title: "How things are",
      items: [
        safeAtHomeNow,
        {
          key: "feel-safe",
          type: "scale-0-10",
          label: "How safe do you feel today?",
          help: "0 means not safe at all, 10 means completely safe.",
          min: 0,
          max: 10,
        },
        {
          key: "feel-well",
          type: "scale-0-10",
          label: "How well do you feel in yourself today?",
          help: "0 means very low, 10 means really well.",
          min: 0,
          max: 10,
        },
        yesNo("anything-new", "Has anything happened since we last spoke that you would like your worker to know about?", {
          help: "If you answer yes, your worker will be told, and will get in touch in the way you agreed with them.",
          alertIf: { in: ["yes"] },
        }),
        {
          key: "anything-new-detail",
          type: "long-text",
          label: "If you would like to, tell us a little about it.",
          help: "Optional. Only write what you feel safe writing on this device.",
          showIf: { item: "anything-new", in: ["yes"] },
          maxLength: 2000,
        },
      ],
    },
  ],
  scores: [feelSafeScore, feelWellScore],
};
