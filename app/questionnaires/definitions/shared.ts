import type { z } from "zod";
import type { itemSchema, scoreSchema } from "../definition-schema";

/**
 * Building blocks shared by the built-in definitions. Every word here is Waypoint's own: none of it
 * comes from SWEMWBS, ORS/SRS, YP-CORE, DASH or SafeLives forms, whose wording is licensed
 * (docs/background/questionnaire-licences.md).
 *
 * Items that outcome reports compare at intake and exit are built here once, so the intake and
 * the exit definition cannot drift apart on a key, a type or an option value.
 */
export type ItemInput = z.input<typeof itemSchema>;
export type ScoreInput = z.input<typeof scoreSchema>;

/** Five-point agreement, for "looking back" statements on exit forms; scored 5 (strongly agree) to 1. */
export const agreeOptions = [
  { value: "strongly-agree", label: "Strongly agree", score: 5 },
  { value: "agree", label: "Agree", score: 4 },
  { value: "not-sure", label: "Not sure", score: 3 },
  { value: "disagree", label: "Disagree", score: 2 },
  { value: "strongly-disagree", label: "Strongly disagree", score: 1 },
];

/** The values reports count as agreement. */
export const AGREE_VALUES = ["strongly-agree", "agree"] as const;

export function agreeItem(key: string, label: string, help?: string): ItemInput {
  return { key, type: "single-choice", label, ...(help ? { help } : {}), options: agreeOptions };
}

export function yesNo(key: string, label: ItemInput["label"], extra: Partial<ItemInput> = {}): ItemInput {
  return { key, type: "yes-no", label, ...extra };
}

export const riskLevelOptions = [
  { value: "standard", label: "Standard" },
  { value: "medium", label: "Medium" },
  { value: "high", label: "High" },
];

// ───────────────────────────── Adult survivors ─────────────────────────────

/** Raises an alert for the allocated worker; asked at intake, at every check-in and at exit. */
export const safeAtHomeNow: ItemInput = yesNo("safe-at-home-now", "Do you feel safe at home right now?", {
  required: true,
  help: "If you answer no, your worker will be told, and will get in touch in the way you agreed with them. If you are in danger now, call 999.",
  alertIf: { in: ["no"] },
});

const skipHelp = "You can skip any question you would rather not answer.";

/**
 * The four kinds of abuse outcome reports follow. The same keys at intake and exit; only the
 * period asked about is worded differently.
 */
export function abuseItems(period: "intake" | "exit"): ItemInput[] {
  const when = period === "intake" ? "In the last three months" : "In the last three months (or since you started with us, if that is shorter)";
  return [
    yesNo(
      "abuse-physical",
      `${when}, has a partner, ex-partner or family member hurt you physically, or tried to? For example pushing, hitting, grabbing or holding you down.`,
      { help: skipHelp },
    ),
    yesNo("abuse-sexual", `${when}, has someone close to you pressured or forced you into sexual contact you did not want?`, {
      help: skipHelp,
    }),
    yesNo(
      "abuse-harassment-stalking",
      `${when}, has someone kept contacting, following or watching you when you did not want them to? This includes online and by phone.`,
      { help: skipHelp },
    ),
    yesNo(
      "abuse-jealous-controlling",
      `${when}, has someone tried to control where you go, who you see or what you spend, or kept checking up on you out of jealousy?`,
      { help: skipHelp },
    ),
  ];
}

function zeroToTen(key: string, label: string, low: string, high: string): ItemInput {
  return { key, type: "scale-0-10", label, help: `0 means ${low}, 10 means ${high}.`, min: 0, max: 10 };
}

/** How the person feels, 0–10, compared between intake and exit. */
export const feelingItems: ItemInput[] = [
  zeroToTen("feel-safe", "How safe do you feel at the moment?", "not safe at all", "completely safe"),
  zeroToTen("feel-well", "How well do you feel in yourself at the moment?", "very low", "really well"),
  zeroToTen("feel-confident", "How confident do you feel about making decisions for yourself?", "not confident at all", "very confident"),
  zeroToTen("feel-optimistic", "How hopeful do you feel about the future?", "not hopeful at all", "very hopeful"),
  {
    key: "quality-of-life",
    type: "scale-1-5",
    label: "Taking everything together, how would you rate your life at the moment?",
    help: "1 means very poor, 5 means very good.",
    min: 1,
    max: 5,
  },
];

/**
 * Scores shared by the adult intake, check-in and exit, under the same keys, so a person's record
 * can chart them across all three.
 */
export const feelSafeScore: ScoreInput = { key: "feel-safe", label: "How safe they feel (0–10)", method: "sum", items: ["feel-safe"] };
export const feelWellScore: ScoreInput = { key: "feel-well", label: "How well they feel (0–10)", method: "sum", items: ["feel-well"] };
export const feelingScores: ScoreInput[] = [
  feelSafeScore,
  feelWellScore,
  {
    key: "feelings",
    label: "Safe, well, confident and hopeful together (0–40)",
    method: "sum",
    items: ["feel-safe", "feel-well", "feel-confident", "feel-optimistic"],
    maxMissing: 1,
  },
  { key: "quality-of-life", label: "Quality of life (1–5)", method: "sum", items: ["quality-of-life"] },
];

// ───────────────────────────── Children and young people ─────────────────────────────

/**
 * Faces run from 1 (the saddest face) to 5 (the happiest); a happy face always means "good", so
 * every question is worded so that the happy end is the better one. `alertIf` compares the
 * answer's string form, so `["1"]` is the saddest face.
 */
function faces(key: string, label: ItemInput["label"], extra: Partial<ItemInput> = {}): ItemInput {
  return {
    key,
    type: "faces",
    label,
    help: { default: "Pick the face that fits best.", "under-8": "Pick a face." },
    min: 1,
    max: 5,
    ...extra,
  };
}

/** The six things a young person is asked about at intake, at check-ins and at exit. */
export const youngPersonItems: ItemInput[] = [
  faces(
    "safe-home",
    {
      default: "How safe do you feel at home?",
      "under-8": "At home, I feel…",
      "8-12": "How safe do you feel at home?",
      "13-17": "How safe do you feel at home at the moment?",
    },
    { alertIf: { in: ["1"] } },
  ),
  faces("safe-elsewhere", {
    default: "How safe do you feel away from home, like at school or when you are out?",
    "under-8": "At school, I feel…",
    "8-12": "How safe do you feel at school and when you are out?",
    "13-17": "How safe do you feel away from home, like at school, college or out with friends?",
  }),
  faces(
    "worries",
    {
      default: "How are you coping with your worries at the moment?",
      "under-8": "My worries make me feel…",
      "8-12": "How are you coping with your worries at the moment?",
      "13-17": "How are you coping with worries at the moment?",
    },
    {
      help: {
        default: "Pick the face that fits best. A happy face means your worries feel small.",
        "under-8": "Pick a face.",
      },
    },
  ),
  faces("getting-on-family", {
    default: "How are you getting on with your family?",
    "under-8": "With my family, I feel…",
    "8-12": "How are you getting on with your family?",
    "13-17": "How are things between you and your family at the moment?",
  }),
  faces("getting-on-others", {
    default: "How are you getting on with friends and other people?",
    "under-8": "With my friends, I feel…",
    "8-12": "How are you getting on with friends and other people?",
    "13-17": "How are you getting on with friends and other people your age?",
  }),
  yesNo("someone-to-talk-to", {
    default: "Is there someone you can talk to when something is bothering you?",
    "under-8": "Can you talk to a grown-up?",
    "8-12": "Is there someone you can talk to when something is bothering you?",
    "13-17": "Do you have someone you trust to talk to when things are hard?",
  }),
];

/**
 * Free text for young people aged 8 and over: under-8s are never asked to type (their pages have
 * faces and big buttons only), and for everyone else it is optional and says so.
 */
export function youngPersonText(key: string, label: { default: string; "8-12": string; "13-17": string }): ItemInput {
  return {
    key,
    type: "long-text",
    label,
    help: {
      default: "You do not have to write anything here.",
      "8-12": "You do not have to write anything here.",
      "13-17": "This is optional. Only write what you are comfortable writing.",
    },
    required: false,
    ageBands: ["8-12", "13-17"],
    maxLength: 2000,
  };
}

/** The five faces together: how the young person feels across home, elsewhere, worries and relationships. */
export const howIFeelScore: ScoreInput = {
  key: "how-i-feel",
  label: "The five faces together (5–25)",
  method: "sum",
  items: ["safe-home", "safe-elsewhere", "worries", "getting-on-family", "getting-on-others"],
  maxMissing: 1,
  bands: [
    { upTo: 11, label: "Finding things hard" },
    { upTo: 18, label: "Some good, some hard" },
    { upTo: 25, label: "Mostly good" },
  ],
};
export const safeHomeScore: ScoreInput = { key: "safe-home", label: "Feeling safe at home (1–5)", method: "sum", items: ["safe-home"] };

/**
 * What the children's caseworker records about the child at intake and exit, on the same record as
 * the child's own answers. Same keys on both forms; each asks about the time of that form.
 */
export function youngPersonWorkerItems(period: "intake" | "exit"): ItemInput[] {
  const now = period === "intake" ? "At the start of support" : "At the end of support";
  const worker = { respondent: "worker" as const };
  return [
    yesNo("witnessed-abuse", `${now}, is the child or young person seeing or hearing domestic abuse at home?`, worker),
    yesNo("direct-harm", `${now}, is the child or young person being harmed directly (emotionally, physically or through neglect)?`, worker),
    yesNo("csc-involved", `${now}, are children's social care involved with the child or young person?`, worker),
  ];
}

// ───────────────────────────── The worker's record for outcome reports ─────────────────────────────
// What the service's outcome report counts that only a worker can say (docs/outcomes.md maps each
// report line to one of these keys). Worker items are never shown to the person, in our own wording.

const byWorker = { respondent: "worker" as const };

/** Whether the person has had support from a domestic abuse service before this referral. */
export const newToServices: ItemInput = yesNo(
  "worker-new-to-services",
  "Is this the first time the person has had support from a domestic abuse service?",
  byWorker,
);

/** How many years the abuse has gone on, as the worker understood it at the start. */
export function abuseYears(key: string, label: string): ItemInput {
  return { key, type: "number", label, help: "Whole years; leave blank if not known.", min: 0, max: 80, ...byWorker };
}

/** The adult survivor's circumstances at the start, recorded by their advocate. */
export const adultIntakeWorkerItems: ItemInput[] = [
  newToServices,
  yesNo("worker-financial-difficulty", "Does the person have serious money problems (unable to pay for essentials, or reliant on others for money)?", byWorker),
  yesNo("worker-mental-health", "Does the person have a mental health condition?", byWorker),
  yesNo("worker-past-abuse", "Has the person experienced domestic abuse before this relationship (as an adult or as a child)?", byWorker),
  yesNo("worker-harmer-current-partner", "Is the person causing harm a current intimate partner?", byWorker),
  yesNo("worker-pregnant", "Is the person pregnant?", byWorker),
  { key: "worker-children-count", type: "number", label: "How many children does the person have?", min: 0, max: 20, ...byWorker },
  { key: "worker-children-under-4", type: "number", label: "How many of them are aged 3 or under?", min: 0, max: 20, ...byWorker },
  yesNo("worker-multiple-harmers", "Is more than one person causing the person harm?", byWorker),
  yesNo("worker-honour-based", "Is there abuse in the name of so-called honour?", byWorker),
  abuseYears("worker-abuse-years", "How long has the abuse gone on?"),
  {
    key: "worker-risk-indicators",
    type: "number",
    label: "How many indicators did the service's risk checklist find?",
    help: "The count from the risk checklist your service uses; leave blank if none was completed.",
    min: 0,
    max: 100,
    ...byWorker,
  },
];

/** Support the adult survivor was given, recorded by their advocate at the end. */
export const adultSupportItems: ItemInput[] = [
  yesNo("support-safety", "Was the person supported with safety planning?", byWorker),
  yesNo("support-children-parenting", "Was the person supported with children and parenting?", byWorker),
  yesNo("support-housing", "Was the person supported with housing?", byWorker),
  yesNo("support-mental-health", "Was the person supported with their mental health?", byWorker),
  yesNo("support-social", "Was the person given social and community support?", byWorker),
];

/** The service user's circumstances at the start, recorded by their behaviour-change worker. */
export const hbIntakeWorkerItems: ItemInput[] = [
  newToServices,
  yesNo("worker-voluntary", "Did the service user come to the service voluntarily (not required by a court or agency)?", byWorker),
  yesNo("worker-mental-health", "Does the service user have a mental health condition?", byWorker),
  yesNo("worker-criminal-order", "Is a criminal or civil order in place (for example a restraining or non-molestation order)?", byWorker),
];

/** Support the service user was given, recorded by their worker at the end. */
export const hbSupportItems: ItemInput[] = [
  yesNo("support-mental-health", "Was the service user supported with their mental health?", byWorker),
  yesNo("support-alcohol", "Was the service user supported with alcohol?", byWorker),
  yesNo("support-children-parenting", "Was the service user supported with children and parenting?", byWorker),
  yesNo("support-housing", "Was the service user supported with housing?", byWorker),
  yesNo("support-social", "Was the service user given social and community support?", byWorker),
  yesNo("safety-measures-reduced-risk", "Did safety measures put in place reduce the service user's potential to keep causing harm?", byWorker),
];

/** The child's circumstances at the start, recorded by the children's caseworker. */
export const ypIntakeWorkerItems: ItemInput[] = [
  newToServices,
  yesNo("worker-current-abuse-primary", "Is the child mainly being supported because of abuse happening now (rather than in the past)?", byWorker),
  yesNo("worker-child-protection", "Is there a child protection enquiry or plan (section 47)?", byWorker),
  yesNo("worker-education-welfare", "Is education welfare involved?", byWorker),
  yesNo("worker-harming-others", "Is the child harming others?", byWorker),
  abuseYears("worker-abuse-years", "How many years has the child lived with domestic abuse at home?"),
];

/** Support the child was given, recorded by the children's caseworker at the end. */
export const ypSupportItems: ItemInput[] = [
  yesNo("support-safety", "Was the child supported with safety, or with understanding safety?", byWorker),
  yesNo("support-family-relationships", "Was the child supported in relationships with family members?", byWorker),
  yesNo("support-mental-health", "Was the child supported with their mental health?", byWorker),
  yesNo("support-other-relationships", "Was the child supported in relationships with other people?", byWorker),
];
