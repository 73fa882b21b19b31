import type { QuestionnaireDefinitionInput } from "../definition-schema";
import { abuseItems, adultSupportItems, agreeItem, feelingItems, feelingScores, safeAtHomeNow } from "./shared";

/**
 * Adult victim-survivor, at the end of support. The abuse and feeling items repeat the intake's
 * (same keys), so reports can compare the two for each person.
 */
export const adultExit: QuestionnaireDefinitionInput = {
  key: "adult-exit",
  version: 3,
  title: "Looking back",
  audience: "ADULT_SURVIVOR",
  stage: "EXIT",
  sections: [
    { key: "right-now", title: "Right now", items: [safeAtHomeNow] },
    { key: "recent-experiences", title: "The last three months", items: abuseItems("exit") },
    { key: "how-you-feel", title: "How you feel now", items: feelingItems },
    {
      key: "looking-back",
      title: "Since you started with us",
      items: [
        agreeItem("felt-safer", "I feel safer than when I started."),
        agreeItem("wellbeing-improved", "My wellbeing is better than when I started."),
        agreeItem("more-confident", "I feel more confident than when I started."),
        agreeItem("quality-of-life-improved", "My day-to-day life is better than when I started."),
        agreeItem("more-optimistic", "I feel more hopeful about the future than when I started."),
        {
          key: "biggest-difference",
          type: "long-text",
          label: "What has made the biggest difference to you?",
          help: "Optional. Write as much or as little as you like.",
          maxLength: 4000,
        },
      ],
    },
    { key: "worker-record", title: "Support given", items: adultSupportItems },
  ],
  scores: [
    ...feelingScores,
    {
      key: "looking-back",
      label: "Safer, better, more confident and hopeful than at the start (mean, 1–5)",
      method: "mean",
      items: ["felt-safer", "wellbeing-improved", "more-confident", "quality-of-life-improved", "more-optimistic"],
      maxMissing: 2,
    },
  ],
};
