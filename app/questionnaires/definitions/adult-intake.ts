import type { QuestionnaireDefinitionInput } from "../definition-schema";
import { abuseItems, adultIntakeWorkerItems, feelingItems, feelingScores, safeAtHomeNow, yesNo } from "./shared";

/**
 * Adult victim-survivor, at the start of support. The title is neutral on purpose: it may be read
 * on a phone that someone else picks up.
 */
export const adultIntake: QuestionnaireDefinitionInput = {
  key: "adult-intake",
  version: 3,
  title: "Getting started",
  audience: "ADULT_SURVIVOR",
  stage: "INTAKE",
  sections: [
    { key: "right-now", title: "Right now", items: [safeAtHomeNow] },
    {
      key: "needs",
      title: "What would help",
      items: [
        yesNo("need-safety", "Would you like help with staying safe and planning for your safety?"),
        yesNo("need-children-parenting", "Would you like help with your children or with parenting?"),
        yesNo("need-housing", "Would you like help with housing or where you live?"),
        yesNo("need-mental-health", "Would you like help with your mental health or how you have been feeling?"),
        yesNo("need-finances", "Would you like help with money, debts or benefits?"),
        yesNo("need-social-support", "Would you like help to feel less alone, or to connect with friends, family or local groups?"),
      ],
    },
    { key: "recent-experiences", title: "The last three months", items: abuseItems("intake") },
    { key: "how-you-feel", title: "How you feel", items: feelingItems },
    { key: "worker-record", title: "Worker's record at the start", items: adultIntakeWorkerItems },
  ],
  scores: feelingScores,
};
