import type { QuestionnaireDefinitionInput } from "../definition-schema";
import { adultCheckin } from "./adult-checkin";
import { adultExit } from "./adult-exit";
import { adultIntake } from "./adult-intake";
import { hbExit } from "./hb-exit";
import { hbIntake } from "./hb-intake";
import { hbReflection } from "./hb-reflection";
import { ypCheckin } from "./yp-checkin";
import { ypExit } from "./yp-exit";
import { ypIntake } from "./yp-intake";

/**
 * The questionnaires Waypoint ships, in our own wording. A published (key, version) never changes:
 * to change one, add a copy with the next version number and keep the old one here.
 */
export const builtInDefinitions: QuestionnaireDefinitionInput[] = [
  adultIntake,
  adultCheckin,
  adultExit,
  hbIntake,
  hbReflection,
  hbExit,
  ypIntake,
  ypCheckin,
  ypExit,
];

/**
 * Intake and exit forms that outcome reports compare, and the item keys they match on. Items
 * asked at both ends of support share a key (and type and options) on both forms.
 * hb-exit records its own before/after pairs (risk-level-intake / -exit, physical-abuse-intake /
 * -exit) because the worker completes both at exit.
 */
export const matchedPairs = [
  {
    intake: "adult-intake",
    exit: "adult-exit",
    items: [
      "safe-at-home-now",
      "abuse-physical",
      "abuse-sexual",
      "abuse-harassment-stalking",
      "abuse-jealous-controlling",
      "feel-safe",
      "feel-well",
      "feel-confident",
      "feel-optimistic",
      "quality-of-life",
    ],
  },
  {
    intake: "yp-intake",
    exit: "yp-exit",
    items: [
      "safe-home",
      "safe-elsewhere",
      "worries",
      "getting-on-family",
      "getting-on-others",
      "someone-to-talk-to",
      "witnessed-abuse",
      "direct-harm",
      "csc-involved",
    ],
  },
] as const;
