import type { QuestionnaireDefinitionInput } from "../definition-schema";
import { agreeItem, hbSupportItems, riskLevelOptions, yesNo } from "./shared";

/**
 * A service user at the end of support: their own view, and the behaviour-change worker's
 * assessment on the same record. The worker's section is never shown to the service user, and
 * its wording still says "service user", as the service does.
 */
export const hbExit: QuestionnaireDefinitionInput = {
  key: "hb-exit",
  version: 3,
  title: "Looking back",
  audience: "HARMFUL_BEHAVIOUR",
  stage: "EXIT",
  sections: [
    {
      key: "your-view",
      title: "Looking back on your time with us",
      items: [
        agreeItem("understand-impact", "I understand how my behaviour has affected the people around me."),
        agreeItem("behaviour-reduced", "The behaviour I came here to change happens less than it did."),
        agreeItem("relationship-partner-improved", "My relationship with my partner or ex-partner is better than when I started."),
        agreeItem(
          "relationship-children-improved",
          "My relationship with my children is better than when I started.",
          "If this does not apply to you, leave it blank.",
        ),
        {
          key: "biggest-difference",
          type: "long-text",
          label: "What has made the biggest difference for you?",
          help: "Optional. Write as much or as little as you like.",
          maxLength: 4000,
        },
      ],
    },
    {
      key: "worker-assessment",
      title: "Worker's assessment",
      items: [
        yesNo("worker-aware-of-impact", "Is the service user aware of the impact of their behaviour on their partner or ex-partner and children?", {
          respondent: "worker",
        }),
        yesNo("worker-understands-unacceptable", "Does the service user understand that their behaviour was unacceptable?", {
          respondent: "worker",
        }),
        yesNo("worker-controls-behaviour", "Is the service user able to control their behaviour?", { respondent: "worker" }),
        yesNo("worker-takes-responsibility", "Does the service user take responsibility for their actions?", { respondent: "worker" }),
        {
          key: "risk-level-intake",
          type: "single-choice",
          respondent: "worker",
          label: "Risk level at the start of support",
          options: riskLevelOptions,
        },
        {
          key: "risk-level-exit",
          type: "single-choice",
          respondent: "worker",
          label: "Risk level at the end of support",
          options: riskLevelOptions,
        },
        yesNo("physical-abuse-intake", "At the start of support, was the service user using physical abuse?", { respondent: "worker" }),
        yesNo("physical-abuse-exit", "At the end of support, is the service user using physical abuse?", { respondent: "worker" }),
        ...hbSupportItems,
      ],
    },
  ],
  scores: [
    {
      key: "own-view",
      label: "Their own view of the change (mean, 1–5)",
      method: "mean",
      items: ["understand-impact", "behaviour-reduced", "relationship-partner-improved", "relationship-children-improved"],
      maxMissing: 1,
    },
    {
      key: "worker-agreed",
      label: "Caseworker agreed: aware, understands, in control, responsible (0–4)",
      method: "sum",
      items: ["worker-aware-of-impact", "worker-understands-unacceptable", "worker-controls-behaviour", "worker-takes-responsibility"],
    },
  ],
};
