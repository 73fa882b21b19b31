import type { QuestionnaireDefinitionInput } from "../definition-schema";
import { hbIntakeWorkerItems, yesNo } from "./shared";

/**
 * A person using harmful behaviour (a "service user"), at the start of support. The wording is
 * neutral and non-combative: the practice rests on it, and nothing here labels the person.
 */
export const hbIntake: QuestionnaireDefinitionInput = {
  key: "hb-intake",
  version: 2,
  title: "Getting started",
  audience: "HARMFUL_BEHAVIOUR",
  stage: "INTAKE",
  sections: [
    {
      key: "needs",
      title: "Support that could help",
      items: [
        yesNo("need-children-parenting", "Would you like support with being a parent or with your children?"),
        yesNo("need-mental-health", "Would you like support with your mental health or how you have been feeling?"),
        yesNo("need-alcohol", "Would you like support with alcohol?"),
        yesNo("need-drugs", "Would you like support with drugs?"),
        yesNo("need-housing", "Would you like support with housing?"),
        yesNo("need-employment", "Would you like support with work, training or finding a job?"),
      ],
    },
    {
      key: "hopes",
      title: "What you hope for",
      items: [
        {
          key: "hopes",
          type: "multiple-choice",
          label: "What are you hoping will be different by the end? Choose any that fit.",
          options: [
            { value: "relationship-partner", label: "A better relationship with my partner or ex-partner" },
            { value: "relationship-children", label: "A better relationship with my children" },
            { value: "handle-feelings", label: "Handling difficult feelings, like anger or stress, in a better way" },
            { value: "calmer-home", label: "A calmer home life" },
            { value: "other", label: "Something else" },
          ],
        },
        {
          key: "want-to-change",
          type: "long-text",
          label: "In your own words, what would you like to change?",
          help: "Optional. There are no right or wrong answers.",
          maxLength: 4000,
        },
      ],
    },
    { key: "worker-record", title: "Worker's record at the start", items: hbIntakeWorkerItems },
  ],
};
