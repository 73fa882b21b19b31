import { agrees, type Group } from "./measures";

/**
 * The outcome report's sections, in the order of the service's own two-year report
 * (docs/outcomes.md gives each line's source and how it is counted). A line is "k of n": a count
 * and the group it is a share of; a section may also say which of its lines add up to a total
 * (`partitions`), so suppression knows those sums.
 *
 * Every line's `where` is SQL over one person's row (see `Measure`); it never holds input.
 */

export type GroupOrFamily = Group | "FAMILY";

export type Denominator = { key: string; label: string; where: string; group: GroupOrFamily; sum?: string; everyone?: boolean };

export type Line = {
  key: string;
  label: string;
  where: string;
  /** The denominator's key (a line's percentage is of it). Absent: a count with no percentage. */
  of?: string;
  /** Counts a number (children, sessions) instead of people. */
  sum?: string;
  group: GroupOrFamily;
  everyone?: boolean;
};

export type Section = {
  key: string;
  title: string;
  /** Who the section is about, for the chart's and table's caption. */
  intro?: string;
  lines: Line[];
  /** total = the sum of parts (keys of lines or denominators). */
  partitions?: { total: string; parts: string[] }[];
  /** A chart of the section: bars (each line's %), or pairs (intake vs exit, by line pairs). */
  chart?: "bars" | "pairs";
  /**
   * Matched change drawn as paired bars, intake beside exit: each pair names two of the section's
   * lines (same denominator). The lines are in the table like any other; the single-bar chart
   * leaves them out.
   */
  pairs?: { label: string; intake: string; exit: string }[];
  /** Statistics that are not counts (a median), shown only over 10 or more people. */
  medians?: { key: string; label: string; group: Group; value: string; where: string }[];
};

const S = "ADULT_SURVIVOR" as const;
const H = "HARMFUL_BEHAVIOUR" as const;
const Y = "YOUNG_PERSON" as const;
const prefix: Record<GroupOrFamily, string> = { ADULT_SURVIVOR: "s", HARMFUL_BEHAVIOUR: "h", YOUNG_PERSON: "y", FAMILY: "f" };

/** Denominators, by key. Each is counted once and shared by every line that uses it. */
export const DENOMINATORS: Denominator[] = [];
function den(group: GroupOrFamily, name: string, label: string, where: string, extra: Partial<Denominator> = {}): string {
  const key = `${prefix[group]}.${name}`;
  if (!DENOMINATORS.some((d) => d.key === key)) DENOMINATORS.push({ key, label, where, group, ...extra });
  return key;
}

function line(group: GroupOrFamily, name: string, label: string, where: string, of?: string, extra: Partial<Line> = {}): Line {
  return { key: `${prefix[group]}.${name}`, label, where, group, ...(of ? { of } : {}), ...extra };
}

const recorded = (column: string) => `${column} IS NOT NULL AND ${column}::text <> 'PREFER_NOT_TO_SAY'`;
const multiple = (stage: "i" | "e") => `((${stage}_physical)::int + (${stage}_sexual)::int + (${stage}_hs)::int + (${stage}_jc)::int)`;
const allAsked = (stage: "i" | "e") => `${stage}_physical_asked AND ${stage}_sexual_asked AND ${stage}_hs_asked AND ${stage}_jc_asked`;
/** The four types of abuse asked at intake and at exit, by their fact names' short keys. */
const ABUSE_TYPES = [
  ["physical", "physical abuse"],
  ["sexual", "sexual abuse"],
  ["hs", "harassment and stalking"],
  ["jc", "jealous and controlling behaviour"],
] as const;
const minority = `ethnicity::text NOT IN ('WHITE', 'PREFER_NOT_TO_SAY')`;
const lgb = `orientation::text IN ('GAY_OR_LESBIAN', 'BISEXUAL')`;

const people = (g: Group) => den(g, "people", "people supported", "TRUE");
const withIntake = (g: Group) => den(g, "intake", "with an intake form", "has_intake");
const ended = (g: Group) => den(g, "ended", "whose support ended in the period", "ended");

function demographics(g: Group, extra: Line[] = []): Line[] {
  const all = people(g);
  return [
    line(g, "female", "identified as female", "gender = 'FEMALE'", den(g, "gender", "with gender recorded", recorded("gender"))),
    line(g, "male", "identified as male", "gender = 'MALE'", den(g, "gender", "with gender recorded", recorded("gender"))),
    line(g, "lgb", "identified as lesbian, gay or bisexual", lgb, den(g, "orientation", "with sexual orientation recorded", recorded("orientation"))),
    line(
      g,
      "minority",
      "are from a Black, Asian, mixed or other minority ethnic group",
      minority,
      den(g, "ethnicity", "with ethnic group recorded", recorded("ethnicity")),
    ),
    line(g, "disability", "have a disability", "disability", den(g, "disability-known", "with disability recorded", "disability IS NOT NULL")),
    ...extra,
    line(g, "new", "are new to domestic abuse services", "new_to_services", den(g, "new-asked", "whose worker recorded it", "new_to_services_asked")),
  ].map((l) => (l.of ? l : { ...l, of: all }));
}

/** The report, in the seed report's order. */
export const SECTIONS: Section[] = [
  {
    key: "people",
    title: "How many people have been supported",
    lines: [
      line(S, "people", "adult victim-survivors", "TRUE"),
      line(H, "people", "people using harmful behaviour (service users)", "TRUE"),
      line(Y, "people", "children and young people", "TRUE"),
    ],
  },
  {
    key: "who-survivors",
    title: "Who are the adult victim-survivors?",
    chart: "bars",
    lines: [
      ...demographics(S, [
        line(
          S,
          "referred-csc",
          "referred by children's social care",
          "referral = 'CHILDRENS_SOCIAL_CARE'",
          den(S, "referral-known", "with a referral source", "referral IS NOT NULL"),
        ),
        line(S, "unemployed", "are unemployed", "employment = 'UNEMPLOYED'", den(S, "employment-known", "with employment recorded", "employment IS NOT NULL")),
        line(S, "financial", "have serious money problems", "financial", withIntake(S)),
        line(
          S,
          "disabled-mh",
          "of those with a disability, have a mental health condition",
          "disability AND mental_health",
          den(S, "disabled", "with a disability", "disability"),
        ),
      ]).filter((l) => l.key !== "s.male"),
    ],
  },
  {
    key: "who-harmful",
    title: "Who are the service users?",
    chart: "bars",
    lines: [
      ...demographics(H, [
        line(H, "voluntary", "came to the service voluntarily", "voluntary", withIntake(H)),
        line(
          H,
          "voluntary-partner",
          "of those, hoped for a better relationship with their partner or ex-partner",
          "voluntary AND hope_partner",
          den(H, "voluntary", "who came voluntarily", "voluntary"),
        ),
        line(
          H,
          "full-time",
          "are in full-time work",
          "employment = 'FULL_TIME'",
          den(H, "employment-known", "with employment recorded", "employment IS NOT NULL"),
        ),
        line(H, "unemployed", "are unemployed", "employment = 'UNEMPLOYED'", den(H, "employment-known", "with employment recorded", "employment IS NOT NULL")),
        line(H, "need-children", "need at intake: children and parenting", "need_children_parenting", withIntake(H)),
        line(H, "need-mh", "need at intake: mental health", "need_mental_health", withIntake(H)),
        line(H, "need-alcohol", "need at intake: alcohol", "need_alcohol", withIntake(H)),
        line(H, "need-drugs", "need at intake: drugs", "need_drugs", withIntake(H)),
        line(H, "need-housing", "need at intake: housing", "need_housing", withIntake(H)),
        line(H, "mh", "have a mental health condition", "mental_health", withIntake(H)),
      ]).filter((l) => l.key !== "h.female"),
    ],
  },
  {
    key: "who-young",
    title: "Who are the children and young people?",
    chart: "bars",
    lines: [
      ...demographics(Y, [
        line(
          Y,
          "referred-csc",
          "referred by children's social care",
          "referral = 'CHILDRENS_SOCIAL_CARE'",
          den(Y, "referral-known", "with a referral source", "referral IS NOT NULL"),
        ),
        line(Y, "under-8", "were under 8 at the start", "band = 'under-8'", den(Y, "band-known", "with a date of birth", "band IS NOT NULL")),
        line(Y, "8-12", "were 8 to 12", "band = '8-12'", den(Y, "band-known", "with a date of birth", "band IS NOT NULL")),
        line(Y, "13-17", "were 13 to 17", "band = '13-17'", den(Y, "band-known", "with a date of birth", "band IS NOT NULL")),
        line(Y, "current", "are mainly supported for abuse happening now", "current_abuse_primary", withIntake(Y)),
      ]).filter((l) => !["y.male", "y.lgb"].includes(l.key)),
    ],
    partitions: [{ total: "y.band-known", parts: ["y.under-8", "y.8-12", "y.13-17"] }],
  },
  {
    key: "involved",
    title: "Who else is involved?",
    lines: [
      line(S, "past-abuse", "of adult victim-survivors experienced domestic abuse before", "past_abuse", withIntake(S)),
      line(S, "current-partner", "of adult victim-survivors: the person harming them is a current partner", "current_partner", withIntake(S)),
      line(S, "pregnant", "of adult victim-survivors were pregnant", "pregnant", withIntake(S)),
      line(S, "has-children", "of adult victim-survivors have children", "children_count > 0", withIntake(S)),
      line(S, "children", "children of adult victim-survivors (a count of children)", "children_count > 0", undefined, { sum: "children_count" }),
      line(S, "children-under-4", "of them aged 3 or under", "children_under_4 > 0", undefined, { sum: "children_under_4" }),
      line(S, "multiple-harmers", "of adult victim-survivors are harmed by more than one person", "multiple_harmers", withIntake(S)),
      line(H, "criminal-order", "of service users had an order in place", "criminal_order", withIntake(H)),
      line(Y, "csc", "of children and young people were known to children's social care", "i_csc", withIntake(Y)),
      line(
        Y,
        "s47",
        "of those, with a child protection enquiry or plan",
        "i_csc AND child_protection",
        den(Y, "csc", "known to children's social care", "i_csc"),
      ),
      line(Y, "education-welfare", "of children and young people had education welfare involved", "education_welfare", withIntake(Y)),
    ],
  },
  {
    key: "survivors-experienced",
    title: "What have adult victim-survivors experienced?",
    chart: "bars",
    lines: [
      line(
        S,
        "high-risk",
        "were at high risk of serious harm at their first risk assessment",
        "risk_first = 'HIGH'",
        den(S, "risk-assessed", "with a risk assessment", "risk_first IS NOT NULL"),
      ),
      line(S, "honour", "experienced abuse in the name of so-called honour", "honour_based", withIntake(S)),
      line(S, "multiple", "experienced more than one type of abuse", `${multiple("i")} >= 2`, withIntake(S)),
      line(S, "physical", "physical abuse", "i_physical", withIntake(S)),
      line(S, "sexual", "sexual abuse", "i_sexual", withIntake(S)),
      line(S, "hs", "harassment and stalking", "i_hs", withIntake(S)),
      line(S, "jc", "jealous and controlling behaviour", "i_jc", withIntake(S)),
    ],
    medians: [
      {
        key: "s.risk-indicators",
        label: "Median number of risk checklist indicators",
        group: S,
        value: "risk_indicators",
        where: "risk_indicators IS NOT NULL",
      },
      { key: "s.abuse-years", label: "Median length of abuse (years)", group: S, value: "abuse_years", where: "abuse_years IS NOT NULL" },
    ],
  },
  {
    key: "children-experienced",
    title: "What have the children and young people experienced?",
    chart: "bars",
    lines: [
      line(Y, "witnessed", "have seen or heard domestic abuse at home", "i_witnessed", withIntake(Y)),
      line(Y, "direct", "are harmed directly", "i_direct_harm", withIntake(Y)),
      line(Y, "harming-others", "are harming others", "harming_others", withIntake(Y)),
    ],
    medians: [{ key: "y.abuse-years", label: "Median years living with abuse at home", group: Y, value: "abuse_years", where: "abuse_years IS NOT NULL" }],
  },
  {
    key: "support-survivors",
    title: "What support did adult victim-survivors receive?",
    intro: "Percentages are of those who asked for help with each need at intake and have an exit form.",
    chart: "bars",
    lines: (
      [
        ["safety", "with safety", "need_safety", "support_safety"],
        ["children", "with children and parenting", "need_children_parenting", "support_children_parenting"],
        ["housing", "with housing", "need_housing", "support_housing"],
        ["mh", "with their mental health", "need_mental_health", "support_mental_health"],
        ["social", "with social and community support", "need_social_support", "support_social"],
      ] as const
    ).map(([k, label, need, support]) =>
      line(
        S,
        `support-${k}`,
        `supported ${label}`,
        `has_exit AND ${need} AND ${support}`,
        den(S, `need-${k}`, `who asked for help ${label}`, `has_exit AND ${need}`),
      ),
    ),
  },
  {
    key: "support-harmful",
    title: "What support did service users receive?",
    intro:
      "Percentages are of those who asked for each kind of support at intake and have an exit form; social and community support is of everyone with an exit form (there is no intake question for it).",
    chart: "bars",
    lines: [
      ...(
        [
          ["mh", "with their mental health", "need_mental_health", "support_mental_health"],
          ["alcohol", "with alcohol", "need_alcohol", "support_alcohol"],
          ["children", "with children and parenting", "need_children_parenting", "support_children_parenting"],
          ["housing", "with housing", "need_housing", "support_housing"],
        ] as const
      ).map(([k, label, need, support]) =>
        line(
          H,
          `support-${k}`,
          `supported ${label}`,
          `has_exit AND ${need} AND ${support}`,
          den(H, `need-${k}`, `who asked for support ${label}`, `has_exit AND ${need}`),
        ),
      ),
      line(H, "support-social", "given social and community support", "has_exit AND support_social", den(H, "exit", "with an exit form", "has_exit")),
    ],
  },
  {
    key: "support-young",
    title: "What support did children and young people receive?",
    intro: "Percentages are of children and young people with an exit form (needs are not asked of children at intake).",
    chart: "bars",
    lines: (
      [
        ["safety", "with safety, or understanding safety", "support_safety"],
        ["family", "in relationships with family members", "support_family_relationships"],
        ["mh", "with their mental health", "support_mental_health"],
        ["others", "in relationships with other people", "support_other_relationships"],
      ] as const
    ).map(([k, label, support]) => line(Y, `support-${k}`, `supported ${label}`, `has_exit AND ${support}`, den(Y, "exit", "with an exit form", "has_exit"))),
  },
  {
    key: "survivors-exit",
    title: "Adult victim-survivors on leaving the service",
    intro: "Changes are matched: only people with both an intake and an exit form count.",
    chart: "bars",
    pairs: ABUSE_TYPES.map(([k, label]) => ({ label, intake: `s.${k}-at-intake`, exit: `s.${k}-at-exit` })),
    // The same people as "who reported it at intake (matched)": one figure under two keys, tied
    // so that suppression hides both or neither.
    partitions: ABUSE_TYPES.map(([k]) => ({ total: `s.had-${k}`, parts: [`s.${k}-at-intake`] })),
    lines: [
      line(S, "exit-forms", "exit forms, from the people whose support ended in the period", "ended AND has_exit", ended(S)),
      ...(
        [
          ["physical", "cessation of physical abuse"],
          ["sexual", "cessation of sexual abuse"],
          ["hs", "cessation of harassment and stalking"],
          ["jc", "cessation of jealous and controlling behaviour"],
        ] as const
      ).map(([k, label]) =>
        line(
          S,
          `ceased-${k}`,
          label,
          `matched AND i_${k} AND e_${k}_asked AND NOT e_${k}`,
          den(S, `had-${k}`, `who reported it at intake (matched)`, `matched AND i_${k} AND e_${k}_asked`),
        ),
      ),
      ...ABUSE_TYPES.flatMap(([k, label]) => {
        const answeredBoth = den(S, `asked-${k}`, "who answered at intake and at exit (matched)", `matched AND i_${k}_asked AND e_${k}_asked`);
        return [
          line(S, `${k}-at-intake`, `${label}: experienced at intake`, `matched AND i_${k}_asked AND e_${k}_asked AND i_${k}`, answeredBoth),
          line(S, `${k}-at-exit`, `${label}: experienced at exit`, `matched AND i_${k}_asked AND e_${k}_asked AND e_${k}`, answeredBoth),
        ];
      }),
      line(
        S,
        "fewer-types",
        "reduction in experiencing more than one type of abuse",
        `matched AND ${multiple("i")} >= 2 AND ${allAsked("e")} AND ${multiple("e")} < 2`,
        den(S, "had-multiple", "with more than one type at intake (matched)", `matched AND ${multiple("i")} >= 2 AND ${allAsked("e")}`),
      ),
      line(
        S,
        "no-abuse",
        "experienced no abuse since intake",
        `matched AND ${allAsked("e")} AND ${multiple("e")} = 0`,
        den(S, "exit-asked", "who answered every abuse question at exit (matched)", `matched AND ${allAsked("e")}`),
      ),
      ...(
        [
          ["safer", "said they felt safer", "agree_felt_safer"],
          ["wellbeing", "said their wellbeing had improved", "agree_wellbeing_improved"],
          ["confident", "said they felt more confident", "agree_more_confident"],
          ["quality", "said their quality of life had improved", "agree_quality_of_life_improved"],
          ["optimistic", "said they felt more hopeful about the future", "agree_more_optimistic"],
        ] as const
      ).map(([k, label, fact]) =>
        line(S, k, label, `matched AND ${agrees(fact)}`, den(S, `answered-${k}`, "who answered (matched)", `matched AND ${fact} IS NOT NULL`)),
      ),
    ],
  },
  {
    key: "children-exit",
    title: "Children and young people on leaving the service",
    pairs: [
      { label: "seeing or hearing domestic abuse", intake: "y.witnessed-at-intake", exit: "y.witnessed-at-exit" },
      { label: "children's social care involved", intake: "y.csc-at-intake", exit: "y.csc-at-exit" },
    ],
    // The same children as "who were at intake (matched)" and "with involvement at intake (matched)".
    partitions: [
      { total: "y.had-witnessed", parts: ["y.witnessed-at-intake"] },
      { total: "y.had-csc", parts: ["y.csc-at-intake"] },
    ],
    intro:
      "Changes are matched: only children and young people with both an intake and an exit form count. Safety is the 'safe at home' face; wellbeing the five faces together.",
    chart: "bars",
    lines: [
      line(Y, "exit-forms", "exit forms, from the children whose support ended in the period", "ended AND has_exit", ended(Y)),
      line(
        Y,
        "witnessing-ceased",
        "reduction in seeing or hearing domestic abuse",
        "matched AND i_witnessed AND e_witnessed_asked AND NOT e_witnessed",
        den(Y, "had-witnessed", "who were at intake (matched)", "matched AND i_witnessed AND e_witnessed_asked"),
      ),
      ...(
        [
          ["witnessed", "seeing or hearing domestic abuse", "witnessed"],
          ["csc", "children's social care involved", "csc"],
        ] as const
      ).flatMap(([k, label, fact]) => {
        const answeredBoth = den(Y, `asked-${k}`, "who answered at exit (matched)", `matched AND e_${fact}_asked`);
        return [
          line(Y, `${k}-at-intake`, `${label}: at intake`, `matched AND e_${fact}_asked AND i_${fact}`, answeredBoth),
          line(Y, `${k}-at-exit`, `${label}: at exit`, `matched AND e_${fact}_asked AND e_${fact}`, answeredBoth),
        ];
      }),
      line(
        Y,
        "csc-ended",
        "reduction in children's social care involvement",
        "matched AND i_csc AND e_csc_asked AND NOT e_csc",
        den(Y, "had-csc", "with involvement at intake (matched)", "matched AND i_csc AND e_csc_asked"),
      ),
      ...(
        [
          ["safety", "support with safety", "support_safety"],
          ["mh", "mental health support", "support_mental_health"],
          ["family", "support with family relationships", "support_family_relationships"],
          ["others", "support with other relationships", "support_other_relationships"],
        ] as const
      ).flatMap(([k, label, support]) => [
        line(
          Y,
          `safer-${k}`,
          `felt safer following ${label}`,
          `matched AND ${support} AND e_safe_home > i_safe_home`,
          den(Y, `faces-safe-${k}`, `given ${label} (matched)`, `matched AND ${support} AND e_safe_home IS NOT NULL AND i_safe_home IS NOT NULL`),
        ),
        line(
          Y,
          `better-${k}`,
          `felt better following ${label}`,
          `matched AND ${support} AND e_faces > i_faces`,
          den(Y, `faces-well-${k}`, `given ${label} (matched)`, `matched AND ${support} AND e_faces IS NOT NULL AND i_faces IS NOT NULL`),
        ),
      ]),
    ],
  },
  {
    key: "harmful-exit",
    title: "Service users on leaving the service",
    intro: "The worker records the risk level and physical abuse at the start and at the end on the exit form, so these need only the exit form.",
    chart: "bars",
    lines: [
      line(H, "exit-forms", "exit forms, from the service users whose support ended in the period", "ended AND has_exit", ended(H)),
      line(
        H,
        "risk-reduced",
        "risk level lower at the end than at the start",
        "ended AND risk_at_intake IN ('medium', 'high') AND (risk_at_exit = 'standard' OR (risk_at_intake = 'high' AND risk_at_exit = 'medium'))",
        den(
          H,
          "risk-medium-high",
          "assessed as medium or high risk at the start",
          "ended AND risk_at_intake IN ('medium', 'high') AND risk_at_exit IS NOT NULL",
        ),
      ),
      line(
        H,
        "no-physical",
        "using no physical abuse at the end",
        "ended AND physical_at_intake AND physical_at_exit_asked AND NOT physical_at_exit",
        den(H, "had-physical", "using physical abuse at the start", "ended AND physical_at_intake AND physical_at_exit_asked"),
      ),
      line(
        H,
        "safety-measures",
        "where safety measures reduced the potential to keep causing harm",
        "ended AND safety_measures",
        den(H, "safety-asked", "where the worker answered", "ended AND safety_measures_asked"),
      ),
      ...(
        [
          ["aware", "caseworker agreed: aware of the impact of their actions", "worker_aware_of_impact"],
          ["unacceptable", "caseworker agreed: understands their behaviour is unacceptable", "worker_understands_unacceptable"],
          ["control", "caseworker agreed: able to control their behaviour", "worker_controls_behaviour"],
          ["responsibility", "caseworker agreed: takes responsibility for their actions", "worker_takes_responsibility"],
        ] as const
      ).map(([k, label, fact]) =>
        line(H, `worker-${k}`, label, `ended AND ${fact}`, den(H, `worker-${k}-asked`, "where the worker answered", `ended AND ${fact}_asked`)),
      ),
      ...(
        [
          ["partner", "agreed their relationship with the partner or ex-partner had improved", "agree_relationship_partner_improved"],
          ["children", "agreed their relationship with their children had improved", "agree_relationship_children_improved"],
          ["impact", "agreed they understood the impact of their behaviour", "agree_understand_impact"],
          ["reduced", "agreed the behaviour they came to change had reduced", "agree_behaviour_reduced"],
        ] as const
      ).map(([k, label, fact]) =>
        line(H, `self-${k}`, label, `ended AND ${agrees(fact)}`, den(H, `self-${k}-asked`, "who answered", `ended AND ${fact} IS NOT NULL`)),
      ),
    ],
  },
  {
    key: "whole-family",
    title: "Whole-family outcomes",
    intro:
      "Families where the adult victim-survivor (with intake and exit forms) and the service user (with an exit form) were both supported and both consented; children counted in those families. Aggregates only.",
    lines: [
      line("FAMILY", "families", "families with both adults' outcomes", "s_matched AND h_exit"),
      line("FAMILY", "survivor-safer", "the victim-survivor said they felt safer", "s_matched AND h_exit AND s_safer", "f.families"),
      line("FAMILY", "survivor-no-abuse", "the victim-survivor experienced no abuse since intake", "s_matched AND h_exit AND s_no_abuse", "f.families"),
      line("FAMILY", "harmful-risk-reduced", "the service user's risk level was lower at the end", "s_matched AND h_exit AND h_risk_reduced", "f.families"),
      line("FAMILY", "harmful-no-physical", "the service user used no physical abuse at the end", "s_matched AND h_exit AND h_no_physical", "f.families"),
      line(
        "FAMILY",
        "child-witnessing-ceased",
        "children in these families who stopped seeing or hearing abuse",
        "s_matched AND h_exit",
        den("FAMILY", "children-witnessed", "children in these families who were at intake (matched)", "s_matched AND h_exit", { sum: "y_witnessed" }),
        { sum: "y_witnessed_ceased" },
      ),
    ],
  },
  {
    key: "engagement",
    title: "Engagement",
    intro: "From appointments as they are recorded today (offered: every appointment not cancelled; attended: marked attended), in the period.",
    lines: [S, H, Y].flatMap((g) => [
      line(g, "referred", "referred in the period", "referred"),
      line(g, "offered", "sessions offered", "offered > 0", undefined, { sum: "offered" }),
      line(g, "attended", "sessions attended", "attended > 0", den(g, "offered-sessions", "sessions offered", "offered > 0", { sum: "offered" }), {
        sum: "attended",
      }),
    ]),
    medians: [S, H, Y].map((g) => ({
      key: `${prefix[g]}.days-to-contact`,
      label: `Median days from referral to first attended session (${g === S ? "adult victim-survivors" : g === H ? "service users" : "children and young people"})`,
      group: g,
      value: "days_to_contact",
      where: "referred AND days_to_contact IS NOT NULL",
    })),
  },
  {
    key: "data-quality",
    title: "Data quality",
    intro: "Counts everyone supported in the period, whether or not they consented to monitoring, so the gaps can be closed.",
    lines: [S, H, Y].flatMap((g) => [
      line(g, "dq-people", "supported in the period", "TRUE", undefined, { everyone: true }),
      line(g, "dq-consent", "consented to monitoring and evaluation", "consent", `${prefix[g]}.dq-people`, { everyone: true }),
      line(g, "dq-intake", "have an intake form", "has_intake", `${prefix[g]}.dq-people`, { everyone: true }),
      line(
        g,
        "dq-exit",
        "whose support ended have an exit form",
        "ended AND has_exit",
        den(g, "dq-ended", "whose support ended in the period", "ended", { everyone: true }),
        { everyone: true },
      ),
      line(
        g,
        "dq-missing",
        "have a demographic field missing (gender, ethnic group or disability)",
        "(gender IS NULL OR ethnicity IS NULL OR disability IS NULL)",
        `${prefix[g]}.dq-people`,
        { everyone: true },
      ),
    ]),
  },
];

export type Count = { key: string; group: GroupOrFamily; where: string; sum?: string; everyone?: boolean };

/** Every count the report needs, each once (lines and denominators). */
export function allCounts(): Count[] {
  const seen = new Map<string, Count>();
  for (const c of [...SECTIONS.flatMap((s) => s.lines), ...DENOMINATORS]) {
    if (!seen.has(c.key))
      seen.set(c.key, { key: c.key, group: c.group, where: c.where, ...(c.sum ? { sum: c.sum } : {}), ...(c.everyone ? { everyone: true } : {}) });
  }
  return [...seen.values()];
}

export function denominatorLabel(key: string): string {
  return DENOMINATORS.find((d) => d.key === key)?.label ?? SECTIONS.flatMap((s) => s.lines).find((l) => l.key === key)?.label ?? key;
}
