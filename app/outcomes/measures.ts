/**
 * The per-person facts the outcome report reads from answers (`FACTS`); the counts over them are
 * the lines of app/outcomes/sections.ts. report.server.ts turns both into one SQL statement;
 * nothing here runs a query. docs/outcomes.md maps every line of the service's report to these names.
 *
 * A fact is one value per person: whether an item was answered "yes" on their first intake or
 * their last exit form, a number, a choice.
 */

export type Stage = "INTAKE" | "EXIT";
export type Group = "ADULT_SURVIVOR" | "HARMFUL_BEHAVIOUR" | "YOUNG_PERSON";

/** A per-person fact from answers: `yes` (item answered "yes"), `answered`, `number`, `choice`, `has` (multiple choice holds a value), `mean` of several number items. */
export type Fact =
  | { name: string; stage: Stage; kind: "yes" | "answered" | "number" | "choice"; item: string }
  | { name: string; stage: Stage; kind: "has"; item: string; value: string }
  | { name: string; stage: Stage; kind: "mean"; items: string[]; atLeast: number };

const yes = (name: string, stage: Stage, item: string): Fact => ({ name, stage, kind: "yes", item });
const answered = (name: string, stage: Stage, item: string): Fact => ({ name, stage, kind: "answered", item });
const num = (name: string, stage: Stage, item: string): Fact => ({ name, stage, kind: "number", item });
const choice = (name: string, stage: Stage, item: string): Fact => ({ name, stage, kind: "choice", item });

/** Items asked on intake and exit under one key, for matched change. */
const ABUSE = [
  ["physical", "abuse-physical"],
  ["sexual", "abuse-sexual"],
  ["hs", "abuse-harassment-stalking"],
  ["jc", "abuse-jealous-controlling"],
] as const;

const FACES = ["safe-home", "safe-elsewhere", "worries", "getting-on-family", "getting-on-others"];

export const FACTS: Fact[] = [
  // Intake: needs (the person's own answers), shared keys across the adult and service-user forms.
  ...["safety", "children-parenting", "housing", "mental-health", "finances", "social-support", "alcohol", "drugs", "employment"].map((need) =>
    yes(`need_${need.replace(/-/g, "_")}`, "INTAKE", `need-${need}`),
  ),
  ...ABUSE.flatMap(([short, item]) => [
    yes(`i_${short}`, "INTAKE", item),
    answered(`i_${short}_asked`, "INTAKE", item),
    yes(`e_${short}`, "EXIT", item),
    answered(`e_${short}_asked`, "EXIT", item),
  ]),
  // The worker's record at intake (app/questionnaires/definitions/shared.ts).
  yes("new_to_services", "INTAKE", "worker-new-to-services"),
  answered("new_to_services_asked", "INTAKE", "worker-new-to-services"),
  yes("financial", "INTAKE", "worker-financial-difficulty"),
  yes("mental_health", "INTAKE", "worker-mental-health"),
  yes("past_abuse", "INTAKE", "worker-past-abuse"),
  yes("current_partner", "INTAKE", "worker-harmer-current-partner"),
  yes("pregnant", "INTAKE", "worker-pregnant"),
  num("children_count", "INTAKE", "worker-children-count"),
  num("children_under_4", "INTAKE", "worker-children-under-4"),
  yes("multiple_harmers", "INTAKE", "worker-multiple-harmers"),
  yes("honour_based", "INTAKE", "worker-honour-based"),
  num("abuse_years", "INTAKE", "worker-abuse-years"),
  num("risk_indicators", "INTAKE", "worker-risk-indicators"),
  yes("voluntary", "INTAKE", "worker-voluntary"),
  { name: "hope_partner", stage: "INTAKE", kind: "has", item: "hopes", value: "relationship-partner" },
  yes("criminal_order", "INTAKE", "worker-criminal-order"),
  yes("current_abuse_primary", "INTAKE", "worker-current-abuse-primary"),
  yes("child_protection", "INTAKE", "worker-child-protection"),
  yes("education_welfare", "INTAKE", "worker-education-welfare"),
  yes("harming_others", "INTAKE", "worker-harming-others"),
  yes("i_witnessed", "INTAKE", "witnessed-abuse"),
  yes("i_direct_harm", "INTAKE", "direct-harm"),
  yes("i_csc", "INTAKE", "csc-involved"),
  yes("e_witnessed", "EXIT", "witnessed-abuse"),
  answered("e_witnessed_asked", "EXIT", "witnessed-abuse"),
  yes("e_csc", "EXIT", "csc-involved"),
  answered("e_csc_asked", "EXIT", "csc-involved"),
  num("i_safe_home", "INTAKE", "safe-home"),
  num("e_safe_home", "EXIT", "safe-home"),
  { name: "i_faces", stage: "INTAKE", kind: "mean", items: FACES, atLeast: 4 },
  { name: "e_faces", stage: "EXIT", kind: "mean", items: FACES, atLeast: 4 },
  // Exit: the person's looking-back statements (agree or strongly agree), and support given.
  ...[
    "felt-safer",
    "wellbeing-improved",
    "more-confident",
    "quality-of-life-improved",
    "more-optimistic",
    "understand-impact",
    "behaviour-reduced",
    "relationship-partner-improved",
    "relationship-children-improved",
  ].flatMap((item) => [choice(`agree_${item.replace(/-/g, "_")}`, "EXIT", item)]),
  ...["safety", "children-parenting", "housing", "mental-health", "social", "alcohol", "family-relationships", "other-relationships"].map((s) =>
    yes(`support_${s.replace(/-/g, "_")}`, "EXIT", `support-${s}`),
  ),
  yes("safety_measures", "EXIT", "safety-measures-reduced-risk"),
  answered("safety_measures_asked", "EXIT", "safety-measures-reduced-risk"),
  ...["aware-of-impact", "understands-unacceptable", "controls-behaviour", "takes-responsibility"].flatMap((item) => [
    yes(`worker_${item.replace(/-/g, "_")}`, "EXIT", `worker-${item}`),
    answered(`worker_${item.replace(/-/g, "_")}_asked`, "EXIT", `worker-${item}`),
  ]),
  choice("risk_at_intake", "EXIT", "risk-level-intake"),
  choice("risk_at_exit", "EXIT", "risk-level-exit"),
  yes("physical_at_intake", "EXIT", "physical-abuse-intake"),
  yes("physical_at_exit", "EXIT", "physical-abuse-exit"),
  answered("physical_at_exit_asked", "EXIT", "physical-abuse-exit"),
];

/** Agreement, as reports count it (app/questionnaires/definitions/shared.ts AGREE_VALUES). */
export const agrees = (fact: string) => `${fact} IN ('agree', 'strongly-agree')`;
