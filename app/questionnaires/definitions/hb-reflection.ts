import type { QuestionnaireDefinitionInput } from "../definition-schema";

/** A service user's reflection after a session. */
export const hbReflection: QuestionnaireDefinitionInput = {
  key: "hb-reflection",
  version: 2,
  title: "Session reflection",
  audience: "HARMFUL_BEHAVIOUR",
  stage: "REFLECTION",
  sections: [
    {
      key: "reflection",
      title: "Thinking about today",
      items: [
        {
          key: "took-from-today",
          type: "long-text",
          label: "What will you take away from today's session?",
          maxLength: 4000,
        },
        {
          key: "handled-differently",
          type: "long-text",
          label: "Since we last met, was there a moment you handled differently from how you might have before? What happened?",
          help: "Optional. A small moment counts.",
          maxLength: 4000,
        },
        {
          key: "goals-progress",
          type: "scale-0-10",
          label: "How are you getting on with your goals?",
          help: "0 means no progress yet, 10 means you have reached them.",
          min: 0,
          max: 10,
        },
      ],
    },
  ],
  scores: [{ key: "goals-progress", label: "Progress with their goals (0–10)", method: "sum", items: ["goals-progress"] }],
};
