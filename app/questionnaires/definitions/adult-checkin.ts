import type { QuestionnaireDefinitionInput } from "../definition-schema";
import { safeAtHomeNow, yesNo } from "./shared";

/** Adult victim-survivor, a short check-in between sessions. */
export const adultCheckin: QuestionnaireDefinitionInput = {
  key: "adult-checkin",
  version: 1,
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
};
