import { createElement as h, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { recordPseudonym } from "~/audit/audit-view.server";
import { ACTIONS_KEPT_FROM_THE_PERSON, auditVisibility, type AuditAction } from "~/audit/visibility";
import { requirePersonForStaff } from "~/auth/policy.server";
import type { StaffViewer } from "~/auth/session.server";
import { open, openOptional } from "~/crypto/sealed.server";
import { GOAL_WORDS_REMOVED } from "~/questionnaires/goals.server";
import { db } from "~/db.server";
import { storedAgeBand, type AgeBand } from "~/families/age-band";
import type { Prisma } from "~/generated/prisma/client";
import type {
  AlertKind,
  AssessmentStage,
  AssignmentStatus,
  ClosureReason,
  Employment,
  EthnicityGroup,
  Gender,
  NoteKind,
  PersonKind,
  QuestionnaireStage,
  ReferralSource,
  SessionEndReason,
  SexualOrientation,
  Specialism,
} from "~/generated/prisma/enums";
import { exportSections } from "~/person-data/register.server";
import type { ExportSection } from "~/person-data/rules";
import { definitionSchema, type QuestionnaireItem } from "~/questionnaires/definition-schema";
import { wordingFor } from "~/questionnaires/wording";
import { appointmentModeLabel, appointmentStatusLabel, contactChannelLabel, personKindLabel, riskLevelLabel } from "~/staff/labels";
import { calendarDate, localDateOf } from "~/time/calendar";
import { datesIn, formatCalendarDayMedium } from "~/time/format";

/**
 * A subject access export (UK GDPR Art. 15): everything the service holds about one person, as a
 * machine-readable object (JSON) and a readable, printable HTML document.
 *
 * Three rules shape it (research/domain.md §4, "Subject access requests"):
 * - **Only this person's rows.** Every query is `where: { personId }` (or through this person's own
 *   rows, e.g. a response's answers); nothing is reached through the family. The family is read
 *   once, for the other members' first and last names, and only to look for them inside this
 *   person's free text — the names never enter the export except as the word found in a passage.
 * - **Free text is flagged, not redacted.** The ICO's guidance on "information about other
 *   individuals" asks for a person's judgement (a third party can be identified from context), so
 *   the export lists every passage that mentions a family member's name or a relationship word,
 *   every safety alert and a few kinds of record that exist because of someone else, and says that
 *   they must be read and redacted before the file is given to anyone.
 * - **Staff see what they may already see.** The export is for the allocated worker or the case
 *   manager holding the family (`requirePersonForStaff`), and the look is audited like any other.
 *   Questionnaire drafts are left out: see `loadQuestionnaires`.
 */

// ───────────────────────────── The export's shape ─────────────────────────────

/** What every record holding free text carries: where it is, and whether a person must read it first. */
export type ReviewMarks = {
  /** The id of the record in the HTML document (`#note-3`), also given in the review list. */
  anchor: string;
  needsReview: boolean;
  /** The words that made it need review, as written in the passage ("Sam", "partner"). */
  mentions: string[];
};

export type ReviewReason =
  /** The passage holds a family member's name or a relationship word. */
  | "mentions"
  /** Safeguarding information (a safety alert; a risk assessment of someone's behaviour towards others). */
  | "safeguarding"
  /** The record exists because of another family member (a same-worker reason, a merged record). */
  | "another-person"
  /** An access-log entry of a kind this version of Waypoint has no decision for (`auditVisibility`). */
  | "unknown-kind";

export type ReviewEntry = {
  anchor: string;
  /** The top-level key of the section holding the passage. */
  section: SectionKey;
  /** Its position in that section, from 1. */
  index: number;
  /** Where it is, in words ("Case note 3"). */
  where: string;
  date: string | null;
  reason: ReviewReason;
  mentions: string[];
};

type SectionKey =
  | "safeContact"
  | "allocations"
  | "riskAssessments"
  | "caseNotes"
  | "messages"
  | "questionnaires"
  | "goals"
  | "alerts"
  | "accessLog";

/** A questionnaire answer: number for scales and numbers, a list for several choices, words otherwise. */
export type AnswerWords = string | number | string[] | null;

export type SubjectAccessExport = {
  /** The shape's name and version, for anyone reading the JSON with a program. */
  format: "subject-access-export/1";
  generatedAt: string;
  generatedBy: string;
  service: string;
  /** The service's IANA time zone: the document shows every time on its clock (the JSON's times are UTC). */
  timeZone: string;
  /** A neutral reference for the record (not its id, not a name): the one in the file names. */
  reference: string;
  introduction: string[];
  leftOut: string[];
  review: { count: number; passages: ReviewEntry[] };
  person: {
    name: string;
    kind: string;
    dateOfBirth: string | null;
    gender: string | null;
    sexualOrientation: string | null;
    ethnicGroup: string | null;
    disability: string | null;
    employment: string | null;
    referralSource: string | null;
    consentToMonitoring: boolean;
    consentRecordedAt: string | null;
    involvementStartedAt: string;
    involvementEndedAt: string | null;
    closureReason: string | null;
    pageTitle: string;
  };
  safeContact:
    | ({ safeTimes: string | null; safeChannels: string[]; doNotContactBy: string[]; codeWord: string | null } & ReviewMarks)
    | null;
  allocations: ({ worker: string; specialism: string | null; from: string; to: string | null; sameWorkerReason: string | null } & ReviewMarks)[];
  riskAssessments: ({ level: string; stage: string; assessedAt: string; by: string | null; reason: string | null; reviewDueAt: string | null } & ReviewMarks)[];
  caseNotes: ({ occurredAt: string; kind: string; author: string | null; text: string } & ReviewMarks)[];
  appointments: { startsAt: string; endsAt: string; mode: string; venue: string | null; with: string; status: string; cancelledBy: string | null }[];
  messages: { with: string; startedAt: string; messages: ({ at: string; from: string; text: string } & ReviewMarks)[] }[];
  questionnaires: {
    given: {
      title: string;
      version: number;
      stage: string;
      submittedAt: string | null;
      workerCompletedAt: string | null;
      scores: Prisma.JsonValue | null;
      answers: ({ itemKey: string; question: string; answer: AnswerWords; answeredBy: string } & ReviewMarks)[];
    }[];
    toDo: { title: string; stage: string; dueAt: string; status: string }[];
  };
  goals: ({ title: string; setAt: string; closedAt: string | null; ratings: { score: number; ratedAt: string; ratedBy: string }[] } & ReviewMarks)[];
  alerts: ({ kind: string; questionnaire: string | null; raisedAt: string; resolvedAt: string | null } & ReviewMarks)[];
  signIns: { at: string; lastSeenAt: string; device: string; how: string; lockedAt: string | null; endedAt: string | null; endedBecause: string | null }[];
  accessLog: ({ at: string; who: string; action: string; reason: string } & Partial<ReviewMarks>)[];
};

// ───────────────────────────── Words for codes ─────────────────────────────
// The export's own words where they differ from the console's: it is written to be read by the
// person after review, so it says "Prefer not to say" where the console says "Prefers not to say".
// Where the words are the same, the console's labels are used.

const genderWords: Record<Gender, string> = {
  FEMALE: "Female",
  MALE: "Male",
  NON_BINARY: "Non-binary",
  OTHER: "Another gender",
  PREFER_NOT_TO_SAY: "Prefer not to say",
};
const orientationWords: Record<SexualOrientation, string> = {
  HETEROSEXUAL: "Heterosexual",
  GAY_OR_LESBIAN: "Gay or lesbian",
  BISEXUAL: "Bisexual",
  OTHER: "Another orientation",
  PREFER_NOT_TO_SAY: "Prefer not to say",
};
const ethnicityWords: Record<EthnicityGroup, string> = {
  WHITE: "White",
  MIXED: "Mixed or multiple ethnic groups",
  ASIAN: "Asian or Asian British",
  BLACK: "Black, Black British, Caribbean or African",
  OTHER: "Another ethnic group",
  PREFER_NOT_TO_SAY: "Prefer not to say",
};
const employmentWords: Record<Employment, string> = {
  FULL_TIME: "Working full time",
  PART_TIME: "Working part time",
  UNEMPLOYED: "Unemployed",
  STUDENT: "Student",
  NOT_SEEKING_WORK: "Not looking for work",
  OTHER: "Other",
};
const referralWords: Record<ReferralSource, string> = {
  CHILDRENS_SOCIAL_CARE: "Children's social care",
  POLICE: "Police",
  HEALTH: "Health",
  EDUCATION: "Education",
  SELF_REFERRAL: "Self-referral",
  OTHER_DA_SERVICE: "Another support service",
  OTHER: "Other",
};
const closureWords: Record<ClosureReason, string> = {
  COMPLETED: "Support completed",
  DISENGAGED: "Stopped coming",
  MOVED_AWAY: "Moved away",
  REFERRED_ON: "Referred to another service",
  RISK_ESCALATED: "Passed to another service",
  OTHER: "Other",
};
const specialismWords: Record<Specialism, string> = {
  ADULT_SURVIVOR_ADVOCATE: "Adult support worker",
  CHILDRENS_CASEWORKER: "Children's caseworker",
  BEHAVIOUR_CHANGE_WORKER: "Behaviour-change worker",
};
const assessmentStageWords: Record<AssessmentStage, string> = { INTAKE: "At the start", REVIEW: "Review", EXIT: "At the end" };
const noteKindWords: Record<NoteKind, string> = {
  NOTE: "Note",
  CONTACT: "Contact (a call, visit or meeting)",
  CONTACT_ATTEMPT: "Tried to make contact",
};
const questionnaireStageWords: Record<QuestionnaireStage, string> = {
  INTAKE: "At the start",
  CHECK_IN: "Check-in",
  REFLECTION: "Reflection",
  EXIT: "At the end",
  GOALS: "Goals",
};
const assignmentStatusWords: Record<AssignmentStatus, string> = {
  ASSIGNED: "Not started",
  IN_PROGRESS: "Started",
  SUBMITTED: "Sent",
  CLOSED: "Closed",
};
const alertWords: Record<AlertKind, string> = {
  SAFETY_ANSWER: "An answer to a questionnaire was passed to the worker to follow up",
  NOT_ME: "\"This wasn't me\" was pressed on the sign-in list",
  NEW_SIGN_IN_METHOD: "A new way to sign in was added to the account",
};
const endReasonWords: Record<SessionEndReason, string> = {
  SIGNED_OUT: "Signed out",
  QUICK_EXIT: "Quick exit",
  SIGNED_OUT_EVERYWHERE: "Signed out everywhere",
  NOT_ME: "\"This wasn't me\"",
  NEW_ENROLMENT: "A new sign-in code was issued",
  EXPIRED: "Timed out",
};
/** Session.method is a free string column; unknown values are shown as they are. */
const methodWords: Record<string, string> = {
  passkey: "Passkey",
  pin: "PIN or passphrase",
  enrolment: "Sign-in code",
  development: "Development sign-in",
};

// ───────────────────────────── Finding mentions of other people ─────────────────────────────

/**
 * Relationship words that point at a family member without naming them: the list the service
 * asked for, their plurals, and a few everyday variants. Over-flagging costs a reviewer a few
 * seconds; a missed mention can put someone at risk, so the list errs wide.
 */
export const RELATIONSHIP_WORDS = [
  "partner", "partners", "ex", "exes", "husband", "husbands", "wife", "wives", "boyfriend", "boyfriends",
  "girlfriend", "girlfriends", "fiance", "fiancé", "fiancee", "fiancée", "spouse",
  "son", "sons", "daughter", "daughters", "child", "children", "kid", "kids", "baby", "babies",
  "mum", "mums", "mom", "moms", "mam", "mother", "mothers", "dad", "dads", "father", "fathers",
  "brother", "brothers", "sister", "sisters", "stepdad", "stepdads", "stepmum", "stepmums", "stepfather", "stepmother",
  "stepson", "stepdaughter", "nan", "nans", "nana", "gran", "grandma", "grandmother", "grandad", "grandads", "granddad",
  "grandfather", "aunt", "auntie", "uncle", "cousin",
] as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A term as a pattern: any run of spaces matches a space, either apostrophe matches an apostrophe. */
function termPattern(term: string): string {
  return escapeRegExp(term).replace(/\s+/g, "\\s+").replace(/['’]/g, "['’]");
}

/**
 * Whole words only, in any letters: a letter or digit on either side means the term is part of a
 * longer word (so "Hall" is not found in "hallway", nor "ex" in "next"), while an apostrophe or a
 * hyphen ends a word ("Sam's", "ex-partner").
 */
function wholeWords(terms: Iterable<string>): RegExp | null {
  const unique = [...new Set([...terms].map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))];
  if (unique.length === 0) return null;
  // Longest first, so "stepdad" wins over "dad" where both could start at one place.
  unique.sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.map(termPattern).join("|")})(?![\\p{L}\\p{N}])`, "giu");
}

/** A family member's name as terms: the whole name, and each part of a double name of two letters or more. */
function nameTerms(name: string): string[] {
  const whole = name.trim();
  if (!whole) return [];
  return [whole, ...whole.split(/[\s-]+/).filter((part) => part.length >= 2)];
}

export type MentionFinder = (text: string) => string[];

/**
 * Finds, in a passage, the first and last names of the other people given and every relationship
 * word. Returns each word found once, as it is written in the passage.
 */
export function mentionFinder(otherPeople: { firstName: string; lastName: string }[]): MentionFinder {
  const pattern = wholeWords([...otherPeople.flatMap((p) => [...nameTerms(p.firstName), ...nameTerms(p.lastName)]), ...RELATIONSHIP_WORDS]);
  return (text) => {
    if (!pattern) return [];
    const seen = new Map<string, string>();
    for (const match of text.matchAll(pattern)) {
      const key = match[0].toLowerCase();
      if (!seen.has(key)) seen.set(key, match[0]);
    }
    return [...seen.values()];
  };
}

/** Splits a passage into plain runs and the mentioned words, for highlighting in the HTML. */
function splitOnMentions(text: string, mentions: string[]): { text: string; mentioned: boolean }[] {
  const pattern = wholeWords(mentions);
  if (!pattern) return [{ text, mentioned: false }];
  const parts: { text: string; mentioned: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (at > last) parts.push({ text: text.slice(last, at), mentioned: false });
    parts.push({ text: match[0], mentioned: true });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mentioned: false });
  return parts;
}

/** Collects review entries in document order while the sections are built. */
class ReviewList {
  readonly passages: ReviewEntry[] = [];
  constructor(private readonly find: MentionFinder) {}

  /**
   * Marks a record: scans its free text, and puts it on the review list when something was found
   * or when `always` gives a reason that needs no word to match.
   */
  mark(
    texts: (string | null)[],
    place: { anchor: string; section: SectionKey; index: number; where: string; date: string | null },
    always?: Exclude<ReviewReason, "mentions">,
  ): ReviewMarks {
    const found = new Map<string, string>();
    for (const text of texts) {
      for (const word of text ? this.find(text) : []) {
        if (!found.has(word.toLowerCase())) found.set(word.toLowerCase(), word);
      }
    }
    const mentions = [...found.values()];
    const reason: ReviewReason | null = always ?? (mentions.length > 0 ? "mentions" : null);
    if (reason) this.passages.push({ ...place, reason, mentions });
    return { anchor: place.anchor, needsReview: reason !== null, mentions };
  }
}

// ───────────────────────────── Building the export ─────────────────────────────

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);
/** A `@db.Date` column: the calendar day, without a time that a reader's time zone could shift. */
const dayOrNull = (date: Date | null | undefined) => (date ? calendarDate(date) : null);

export const SUBJECT_ACCESS_AUDIT = { action: "person.subject-access-export", reasonCode: "subject-access" } as const;
/** The page that offers the download reads the record too (to count what needs review): audited as its own action. */
export const SUBJECT_ACCESS_PREVIEW_AUDIT = { action: "person.subject-access-preview", reasonCode: "subject-access" } as const;

/**
 * Everything held about one person, for their allocated worker or the case manager holding their
 * family; anyone else gets the 404 `requirePersonForStaff` throws. The look is audited.
 */
export async function buildSubjectAccessExport(viewer: StaffViewer, personId: string, now: Date = new Date()): Promise<SubjectAccessExport> {
  return assembleExport(viewer, personId, now, SUBJECT_ACCESS_AUDIT);
}

/** For the page before the download: what the export holds and how much needs review, without the content. */
export async function summariseSubjectAccess(viewer: StaffViewer, personId: string, now: Date = new Date()) {
  const full = await assembleExport(viewer, personId, now, SUBJECT_ACCESS_PREVIEW_AUDIT);
  return {
    name: full.person.name,
    reviewCount: full.review.count,
    leftOut: full.leftOut,
    counts: [
      { label: "Case notes", count: full.caseNotes.length },
      { label: "Messages", count: full.messages.reduce((n, t) => n + t.messages.length, 0) },
      { label: "Questionnaires given", count: full.questionnaires.given.length },
      { label: "Questionnaires still to do", count: full.questionnaires.toDo.length },
      { label: "Risk assessments", count: full.riskAssessments.length },
      { label: "Workers allocated", count: full.allocations.length },
      { label: "Appointments", count: full.appointments.length },
      { label: "Goals", count: full.goals.length },
      { label: "Alerts", count: full.alerts.length },
      { label: "Sign-ins", count: full.signIns.length },
      { label: "Entries in the access log", count: full.accessLog.length },
    ],
  };
}

async function assembleExport(
  viewer: StaffViewer,
  personId: string,
  now: Date,
  audit: { action: AuditAction; reasonCode: string },
): Promise<SubjectAccessExport> {
  // The guard first: a person this staff member may not see is a 404 before anything is read.
  const allowed = await requirePersonForStaff(viewer, personId, audit);
  const id = allowed.id;

  const [service, person, otherPeople] = await Promise.all([
    db().service.findUniqueOrThrow({ where: { id: viewer.staff.serviceId }, select: { name: true } }),
    db().person.findUniqueOrThrow({
      where: { id },
      select: {
        firstName: true,
        lastName: true,
        kind: true,
        dateOfBirth: true,
        gender: true,
        sexualOrientation: true,
        ethnicityGroup: true,
        disability: true,
        employment: true,
        referralSource: true,
        consentMonitoring: true,
        consentRecordedAt: true,
        involvementStartedAt: true,
        involvementEndedAt: true,
        closureReason: true,
        pageTitle: true,
      },
    }),
    // The one read through the family: the other members' names, only to look for them in this
    // person's free text. Anonymised and merged records no longer hold a real name.
    db().person.findMany({
      where: { familyId: allowed.familyId, id: { not: id }, anonymisedAt: null, mergedIntoId: null },
      select: { firstName: true, lastName: true },
    }),
  ]);

  const review = new ReviewList(mentionFinder(otherPeople));
  const sections = await loadSections({ personId: id, review, kind: person.kind });

  const name = `${person.firstName} ${person.lastName}`;
  return {
    format: "subject-access-export/1",
    generatedAt: iso(now),
    generatedBy: viewer.staff.displayName,
    service: service.name,
    timeZone: viewer.staff.timeZone,
    reference: recordPseudonym(id).slice(0, 8),
    introduction: introduction(name, service.name, person.kind === "YOUNG_PERSON"),
    leftOut: LEFT_OUT,
    review: { count: review.passages.length, passages: review.passages },
    person: {
      name,
      kind: personKindLabel[person.kind],
      dateOfBirth: dayOrNull(person.dateOfBirth),
      gender: person.gender ? genderWords[person.gender] : null,
      sexualOrientation: person.sexualOrientation ? orientationWords[person.sexualOrientation] : null,
      ethnicGroup: person.ethnicityGroup ? ethnicityWords[person.ethnicityGroup] : null,
      disability: person.disability === null ? null : person.disability ? "Yes" : "No",
      employment: person.employment ? employmentWords[person.employment] : null,
      referralSource: person.referralSource ? referralWords[person.referralSource] : null,
      consentToMonitoring: person.consentMonitoring,
      consentRecordedAt: isoOrNull(person.consentRecordedAt),
      involvementStartedAt: iso(person.involvementStartedAt),
      involvementEndedAt: isoOrNull(person.involvementEndedAt),
      closureReason: person.closureReason ? closureWords[person.closureReason] : null,
      pageTitle: person.pageTitle,
    },
    ...sections,
  };
}

type SectionContext = { personId: string; review: ReviewList; kind: PersonKind };
type LoadedSection = Exclude<ExportSection, "person">;
type Sections = { [S in LoadedSection]: SubjectAccessExport[S] };

/**
 * How each section of the export is read. Keyed by the sections the person-data register names
 * (app/person-data/rules.ts), so a table included in a new section fails the typecheck here until
 * the section has a loader and a place in `SubjectAccessExport`.
 */
const SECTION_LOADERS: { [S in LoadedSection]: (context: SectionContext) => Promise<SubjectAccessExport[S]> } = {
  safeContact: ({ personId, review }) => loadSafeContact(personId, review),
  allocations: ({ personId, review }) => loadAllocations(personId, review),
  riskAssessments: ({ personId, review, kind }) => loadRiskAssessments(personId, review, kind === "HARMFUL_BEHAVIOUR"),
  caseNotes: ({ personId, review }) => loadCaseNotes(personId, review),
  appointments: ({ personId }) => loadAppointments(personId),
  messages: ({ personId, review }) => loadMessages(personId, review),
  questionnaires: ({ personId, review }) => loadQuestionnaires(personId, review),
  goals: ({ personId, review }) => loadGoals(personId, review),
  alerts: ({ personId, review }) => loadAlerts(personId, review),
  signIns: ({ personId }) => loadSignIns(personId),
  accessLog: ({ personId, review }) => loadAccessLog(personId, review),
};

/**
 * Every section the person-data register includes a table in, built one after another in the
 * document's order, so the review list follows the document. A section no table is included in
 * would be missing: that is refused rather than giving an export with a hole in it.
 */
async function loadSections(context: SectionContext): Promise<Sections> {
  const loaded: Partial<Sections> = {};
  const load = async <S extends LoadedSection>(section: S) => {
    loaded[section] = await SECTION_LOADERS[section](context);
  };
  for (const section of exportSections()) {
    if (section !== "person") await load(section);
  }
  if (!hasEverySection(loaded)) throw new Error("The person-data register includes no table in a section of the subject access export.");
  return loaded;
}

function hasEverySection(loaded: Partial<Sections>): loaded is Sections {
  return Object.keys(SECTION_LOADERS).every((section) => Object.hasOwn(loaded, section));
}

function introduction(name: string, service: string, youngPerson: boolean): string[] {
  return [
    `This file holds the information ${service} keeps about ${name}: their details, how to contact them safely, the workers who support them, risk assessments, case notes, appointments, messages, questionnaire answers, goals, alerts, sign-ins and a log of who looked at or changed their record.`,
    "Before this file is given to anyone, a member of staff must read every passage in the list \"Passages to read first\" and redact (remove) anything that would identify another person or put anyone at risk, then remove that list and the review marks. The list is made by looking for family members' names and words such as \"partner\" or \"mum\"; someone can also be identified from context, so read all free text with that in mind.",
    "Other family members' records are never included: nothing here comes from their notes, messages, answers, appointments or sign-ins. Where a passage in this record mentions someone else, it is flagged for review.",
    ...(youngPerson
      ? [
          "This is a child's or young person's record. If someone asks for it on their behalf, decide first whether giving it to them is in the child's best interests: a child's answers are not shown to a parent otherwise.",
        ]
      : []),
  ];
}

const LEFT_OUT = [
  "Other family members' records, and anything reached only through them.",
  "Answers saved in a questionnaire but not yet sent: they are kept for the person to finish or discard, staff do not read them, and the person sees them when they sign in. Questionnaires started but not sent are listed as \"Started\".",
  "Passkeys and PIN: only values that cannot be turned back into the secret are held. The person can see and remove their passkeys on their account page.",
  "Outcome reports: they hold counts across many people, never one person's answers.",
];

async function loadSafeContact(personId: string, review: ReviewList): Promise<SubjectAccessExport["safeContact"]> {
  const row = await db().safeContactPreference.findUnique({
    where: { personId },
    select: { updatedAt: true, safeTimesCipher: true, safeChannels: true, doNotContactBy: true, codeWordCipher: true, keyId: true },
  });
  if (!row) return null;
  const safeTimes = openOptional(row.safeTimesCipher, row.keyId, "safe-times");
  const codeWord = openOptional(row.codeWordCipher, row.keyId, "code-word");
  return {
    safeTimes,
    safeChannels: row.safeChannels.map((c) => contactChannelLabel[c]),
    doNotContactBy: row.doNotContactBy.map((c) => contactChannelLabel[c]),
    codeWord,
    ...review.mark([safeTimes, codeWord], {
      anchor: "safe-contact",
      section: "safeContact",
      index: 1,
      where: "Safe contact",
      date: iso(row.updatedAt),
    }),
  };
}

async function loadAllocations(personId: string, review: ReviewList): Promise<SubjectAccessExport["allocations"]> {
  const rows = await db().allocation.findMany({
    where: { personId },
    orderBy: { startedAt: "asc" },
    select: {
      startedAt: true,
      endedAt: true,
      sameWorkerReasonCipher: true,
      keyId: true,
      staff: { select: { displayName: true, specialism: true } },
    },
  });
  return rows.map((row, i) => {
    const sameWorkerReason = openOptional(row.sameWorkerReasonCipher, row.keyId, "same-worker-reason");
    return {
      worker: row.staff.displayName,
      specialism: row.staff.specialism ? specialismWords[row.staff.specialism] : null,
      from: iso(row.startedAt),
      to: isoOrNull(row.endedAt),
      sameWorkerReason,
      // A same-worker reason exists only because the worker also supports another family member:
      // it is about that person as much as this one, whatever words it uses.
      ...review.mark(
        [sameWorkerReason],
        { anchor: `allocation-${i + 1}`, section: "allocations", index: i + 1, where: `Worker ${i + 1}`, date: iso(row.startedAt) },
        sameWorkerReason ? "another-person" : undefined,
      ),
    };
  });
}

async function loadRiskAssessments(personId: string, review: ReviewList, harmfulBehaviour: boolean): Promise<SubjectAccessExport["riskAssessments"]> {
  const rows = await db().riskAssessment.findMany({
    where: { personId },
    orderBy: { assessedAt: "asc" },
    select: { level: true, stage: true, assessedAt: true, reasonCipher: true, keyId: true, reviewDueAt: true, staff: { select: { displayName: true } } },
  });
  return rows.map((row, i) => {
    const reason = openOptional(row.reasonCipher, row.keyId, "risk-reason");
    return {
      level: riskLevelLabel[row.level],
      stage: assessmentStageWords[row.stage],
      assessedAt: iso(row.assessedAt),
      by: row.staff?.displayName ?? null,
      reason,
      reviewDueAt: isoOrNull(row.reviewDueAt),
      // For a person using harmful behaviour, the reason describes the risk they pose to others:
      // disclosing it needs the safeguarding judgement whether or not a name appears.
      ...review.mark(
        [reason],
        { anchor: `risk-${i + 1}`, section: "riskAssessments", index: i + 1, where: `Risk assessment ${i + 1}`, date: iso(row.assessedAt) },
        harmfulBehaviour && reason ? "safeguarding" : undefined,
      ),
    };
  });
}

async function loadCaseNotes(personId: string, review: ReviewList): Promise<SubjectAccessExport["caseNotes"]> {
  const rows = await db().caseNote.findMany({
    where: { personId },
    orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }],
    select: { occurredAt: true, kind: true, bodyCipher: true, keyId: true, author: { select: { displayName: true } } },
  });
  return rows.map((row, i) => {
    const text = open(row.bodyCipher, row.keyId, "case-note");
    return {
      occurredAt: iso(row.occurredAt),
      kind: noteKindWords[row.kind],
      author: row.author?.displayName ?? null,
      text,
      ...review.mark([text], { anchor: `note-${i + 1}`, section: "caseNotes", index: i + 1, where: `Case note ${i + 1}`, date: iso(row.occurredAt) }),
    };
  });
}

async function loadAppointments(personId: string): Promise<SubjectAccessExport["appointments"]> {
  const rows = await db().appointment.findMany({
    where: { personId },
    orderBy: { startsAt: "asc" },
    select: { startsAt: true, endsAt: true, mode: true, venue: true, status: true, cancelledBy: true, staff: { select: { displayName: true } } },
  });
  return rows.map((row) => ({
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    mode: appointmentModeLabel[row.mode],
    venue: row.venue,
    with: row.staff.displayName,
    status: appointmentStatusLabel[row.status],
    cancelledBy: row.cancelledBy === "person" ? "you" : row.cancelledBy === "worker" ? "your worker" : row.cancelledBy,
  }));
}

async function loadMessages(personId: string, review: ReviewList): Promise<SubjectAccessExport["messages"]> {
  const threads = await db().messageThread.findMany({
    where: { personId },
    orderBy: { createdAt: "asc" },
    select: {
      createdAt: true,
      staff: { select: { displayName: true } },
      messages: {
        // A thread is between this person and one worker; the filter makes sure that even a row
        // written by anyone else could not come along.
        where: { OR: [{ authorPersonId: personId }, { authorPersonId: null, authorStaffId: { not: null } }] },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true, authorPersonId: true, bodyCipher: true, keyId: true, authorStaff: { select: { displayName: true } } },
      },
    },
  });
  let index = 0;
  return threads.map((thread, t) => ({
    with: thread.staff.displayName,
    startedAt: iso(thread.createdAt),
    messages: thread.messages.map((message, m) => {
      index += 1;
      const text = open(message.bodyCipher, message.keyId, "message");
      return {
        at: iso(message.createdAt),
        from: message.authorPersonId === personId ? "you" : (message.authorStaff?.displayName ?? "your worker"),
        text,
        ...review.mark([text], {
          anchor: `message-${t + 1}-${m + 1}`,
          section: "messages",
          index,
          where: `Messages with ${thread.staff.displayName}, message ${m + 1}`,
          date: iso(message.createdAt),
        }),
      };
    }),
  }));
}

type AnswerRow = {
  itemKey: string;
  answeredBy: "PERSON" | "WORKER";
  numberValue: number | null;
  choiceValues: string[];
  dateValue: Date | null;
  textCipher: Uint8Array | null;
  keyId: string | null;
  staff: { displayName: string } | null;
};

/** An answer in the words the person saw: option labels, Yes/No, numbers, dates, or the text they wrote. */
function answerWords(item: QuestionnaireItem | undefined, answer: AnswerRow, band: AgeBand | null): AnswerWords {
  const text = openOptional(answer.textCipher, answer.keyId, "answer");
  if (text !== null) return text;
  const label = (value: string) => {
    const option = item?.options?.find((o) => o.value === value);
    return option ? wordingFor(option.label, band) : value;
  };
  switch (item?.type) {
    case "yes-no": {
      const value = answer.choiceValues[0];
      return value === "yes" ? "Yes" : value === "no" ? "No" : (value ?? null);
    }
    case "single-choice": {
      const value = answer.choiceValues[0];
      return value === undefined ? null : label(value);
    }
    case "multiple-choice":
      return answer.choiceValues.map(label);
    case "date":
      return dayOrNull(answer.dateValue);
    default:
      // Scales, faces, numbers, and an item the definition no longer has: whatever was stored.
      if (answer.numberValue !== null) return answer.numberValue;
      if (answer.dateValue) return dayOrNull(answer.dateValue);
      if (answer.choiceValues.length > 0) return answer.choiceValues.length === 1 ? label(answer.choiceValues[0] ?? "") : answer.choiceValues.map(label);
      return null;
  }
}

/**
 * Questionnaires given (with every answer on the record, the person's and the worker's) and those
 * still to do. Drafts (QuestionnaireDraft) are left out on purpose: a draft is not yet given, it
 * belongs to the person, who may still change or discard it, and staff never read it
 * (docs/data-model.md, "Who may read what"). The person sees their drafts when they sign in; an
 * assignment with a draft shows here as "Started".
 */
async function loadQuestionnaires(personId: string, review: ReviewList): Promise<SubjectAccessExport["questionnaires"]> {
  const [responses, toDo] = await Promise.all([
    db().questionnaireResponse.findMany({
      where: { personId },
      orderBy: { createdAt: "asc" },
      select: {
        stage: true,
        submittedAt: true,
        workerCompletedAt: true,
        ageBand: true,
        scores: true,
        createdAt: true,
        definition: { select: { id: true, title: true, version: true, definition: true } },
        answers: {
          select: {
            itemKey: true,
            answeredBy: true,
            numberValue: true,
            choiceValues: true,
            dateValue: true,
            textCipher: true,
            keyId: true,
            staff: { select: { displayName: true } },
          },
        },
      },
    }),
    db().questionnaireAssignment.findMany({
      where: { personId, status: { in: ["ASSIGNED", "IN_PROGRESS"] } },
      orderBy: { dueAt: "asc" },
      select: { stage: true, dueAt: true, status: true, definition: { select: { title: true } } },
    }),
  ]);

  // Each version's items, read once however many times it was answered. A definition that no
  // longer parses still has answers worth giving: they fall back to item keys.
  const itemsOf = new Map<string, QuestionnaireItem[]>();
  const itemsFor = (definition: { id: string; definition: unknown }) => {
    let items = itemsOf.get(definition.id);
    if (!items) {
      const parsed = definitionSchema.safeParse(definition.definition);
      items = parsed.success ? parsed.data.sections.flatMap((s) => s.items) : [];
      itemsOf.set(definition.id, items);
    }
    return items;
  };
  let index = 0;
  const given = responses.map((response, r) => {
    const items = itemsFor(response.definition);
    const order = new Map(items.map((item, i) => [item.key, i]));
    const band = storedAgeBand(response.ageBand);
    const when = response.submittedAt ?? response.workerCompletedAt ?? response.createdAt;
    const answers = [...response.answers]
      .sort((a, b) => (order.get(a.itemKey) ?? Infinity) - (order.get(b.itemKey) ?? Infinity) || a.itemKey.localeCompare(b.itemKey))
      .map((answer, a) => {
        index += 1;
        const item = items.find((i) => i.key === answer.itemKey);
        const words = answerWords(item, answer, band);
        const freeText = answer.textCipher !== null && typeof words === "string" ? words : null;
        return {
          itemKey: answer.itemKey,
          question: item ? wordingFor(item.label, band) : answer.itemKey,
          answer: words,
          answeredBy: answer.answeredBy === "PERSON" ? "you" : (answer.staff?.displayName ?? "your worker"),
          ...review.mark([freeText], {
            anchor: `answer-${r + 1}-${a + 1}`,
            section: "questionnaires",
            index,
            where: `${response.definition.title} (questionnaire ${r + 1}), answer ${a + 1}`,
            date: iso(when),
          }),
        };
      });
    return {
      title: response.definition.title,
      version: response.definition.version,
      stage: questionnaireStageWords[response.stage],
      submittedAt: isoOrNull(response.submittedAt),
      workerCompletedAt: isoOrNull(response.workerCompletedAt),
      scores: response.scores,
      answers,
    };
  });

  return {
    given,
    toDo: toDo.map((a) => ({
      title: a.definition.title,
      stage: questionnaireStageWords[a.stage],
      dueAt: iso(a.dueAt),
      status: assignmentStatusWords[a.status],
    })),
  };
}

async function loadGoals(personId: string, review: ReviewList): Promise<SubjectAccessExport["goals"]> {
  const rows = await db().goal.findMany({
    where: { personId },
    orderBy: { createdAt: "asc" },
    select: {
      createdAt: true,
      closedAt: true,
      titleCipher: true,
      keyId: true,
      ratings: { orderBy: { ratedAt: "asc" }, select: { score: true, ratedAt: true, ratedBy: true } },
    },
  });
  return rows.map((row, i) => {
    const title = openOptional(row.titleCipher, row.keyId, "goal-title") ?? GOAL_WORDS_REMOVED;
    return {
      title,
      setAt: iso(row.createdAt),
      closedAt: isoOrNull(row.closedAt),
      ratings: row.ratings.map((rating) => ({
        score: rating.score,
        ratedAt: iso(rating.ratedAt),
        ratedBy: rating.ratedBy === "PERSON" ? "you" : "your worker, with you",
      })),
      ...review.mark([title], { anchor: `goal-${i + 1}`, section: "goals", index: i + 1, where: `Goal ${i + 1}`, date: iso(row.createdAt) }),
    };
  });
}

async function loadAlerts(personId: string, review: ReviewList): Promise<SubjectAccessExport["alerts"]> {
  const rows = await db().alert.findMany({
    where: { personId },
    orderBy: { createdAt: "asc" },
    select: {
      kind: true,
      createdAt: true,
      resolvedAt: true,
      assignment: { select: { definition: { select: { title: true } } } },
      response: { select: { definition: { select: { title: true } } } },
    },
  });
  // Every alert is on the review list: it is safeguarding information, and whether telling the
  // person that their answer raised one is safe is a practitioner's judgement.
  return rows.map((row, i) => ({
    kind: alertWords[row.kind],
    questionnaire: row.assignment?.definition.title ?? row.response?.definition.title ?? null,
    raisedAt: iso(row.createdAt),
    resolvedAt: isoOrNull(row.resolvedAt),
    ...review.mark([], { anchor: `alert-${i + 1}`, section: "alerts", index: i + 1, where: `Alert ${i + 1}`, date: iso(row.createdAt) }, "safeguarding"),
  }));
}

async function loadSignIns(personId: string): Promise<SubjectAccessExport["signIns"]> {
  const rows = await db().session.findMany({
    where: { personId },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true, lastSeenAt: true, deviceKind: true, method: true, lockedAt: true, endedAt: true, endReason: true },
  });
  return rows.map((row) => ({
    at: iso(row.createdAt),
    lastSeenAt: iso(row.lastSeenAt),
    device: row.deviceKind,
    how: methodWords[row.method] ?? row.method,
    lockedAt: isoOrNull(row.lockedAt),
    endedAt: isoOrNull(row.endedAt),
    endedBecause: row.endReason ? endReasonWords[row.endReason] : null,
  }));
}

/**
 * The access log: the audit events about this person (and records merged into theirs) that
 * `auditVisibility` lets them see. Events it keeps from them (a duplicate check from another
 * family, the service's own administration) are not read at all; events that go to review are
 * listed and put on the review list with their reason.
 */
async function loadAccessLog(personId: string, review: ReviewList): Promise<SubjectAccessExport["accessLog"]> {
  // A record merged into this one was the same person: its history is theirs too.
  const merged = await db().person.findMany({ where: { mergedIntoId: personId }, select: { id: true } });
  const ids = [personId, ...merged.map((m) => m.id)];
  const rows = await db().auditEvent.findMany({
    where: { subjectPersonId: { in: ids }, action: { notIn: ACTIONS_KEPT_FROM_THE_PERSON } },
    orderBy: { at: "asc" },
    select: { at: true, action: true, reasonCode: true, actorPersonId: true, actorStaff: { select: { displayName: true } } },
  });
  let flagged = 0;
  return rows.flatMap((row) => {
    const decision = auditVisibility(row.action);
    if (decision.to === "nobody") return [];
    const ownAccount = row.actorPersonId !== null && ids.includes(row.actorPersonId);
    const who = row.actorStaff
      ? row.actorStaff.displayName
      : ownAccount
        ? "you"
        : row.actorPersonId === null
          ? "the system (nobody signed in)"
          : // No flow writes one today, but an event about this person done by another person's
            // account would say something about that person: never name them, and have someone read it first.
            "another account";
    const because: ReviewReason | null = decision.to === "review" ? decision.because : who === "another account" ? "another-person" : null;
    const entry = { at: iso(row.at), who, action: row.action, reason: row.reasonCode };
    if (because === null) return [entry];
    flagged += 1;
    return [
      {
        ...entry,
        ...review.mark([], { anchor: `access-${flagged}`, section: "accessLog", index: flagged, where: `Access log, entry ${flagged} to read first`, date: iso(row.at) }, because),
      },
    ];
  });
}

// ───────────────────────────── Files ─────────────────────────────

export function subjectAccessJson(exported: SubjectAccessExport): string {
  return `${JSON.stringify(exported, null, 2)}\n`;
}

/**
 * A neutral file name: no name, no word about the service, just the record's reference and the
 * day (in the UK), e.g. "record-1a2b3c4d-2025-03-14.json". Downloads folders are seen by others.
 */
export function subjectAccessFilename(exported: SubjectAccessExport, extension: "json" | "html"): string {
  const day = localDateOf(new Date(exported.generatedAt), exported.timeZone);
  return `record-${exported.reference}-${day}.${extension}`;
}

/** Times on the service's clock; a bare day ("2025-03-14") is a calendar date, shown as that day wherever the reader is. */
function whenIn(zone: string) {
  const dates = datesIn(zone);
  return (value: string | null): string => {
    if (!value) return "—";
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatCalendarDayMedium(`${value}T00:00:00Z`) : dates.mediumDayTime(value);
  };
}

const orDash = (value: string | number | null | undefined) => (value === null || value === undefined || value === "" ? "—" : String(value));

/**
 * The stylesheet of the downloaded file. A constant (no value of the export is in it), so it is
 * written as it is; React would otherwise escape the quotes a stylesheet may need.
 */
const STYLES = `
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.35rem; margin-top: 2.5rem; border-bottom: 2px solid #1b1b1b; } h3 { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; } th, td { border: 1px solid #b1b4b6; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f2f1; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
.passage { border-left: 4px solid #b1b4b6; padding: 0.25rem 0.75rem; margin: 0.75rem 0; white-space: pre-wrap; }
.flagged { border-left-color: #d4351c; background: #fff4f2; }
.flag { font-weight: 600; color: #942514; white-space: normal; }
mark { background: #ffdd00; font-weight: 600; }
.review { border: 3px solid #d4351c; padding: 0.5rem 1rem; }
.muted { color: #505a5f; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } .passage, tr { break-inside: avoid; } h2 { break-after: avoid; } }
`;

function Passage(props: { text: string; marks: Pick<ReviewMarks, "needsReview" | "mentions">; reason?: string; label?: string }): ReactNode {
  const { text, marks } = props;
  const parts = marks.mentions.length > 0 ? splitOnMentions(text, marks.mentions) : [{ text, mentioned: false }];
  const why = [props.reason, marks.mentions.length > 0 ? `mentions: ${marks.mentions.join(", ")}` : undefined].filter(Boolean).join("; ");
  return h(
    "div",
    { className: marks.needsReview ? "passage flagged" : "passage" },
    marks.needsReview ? h("p", { className: "flag" }, `Read before giving this file to anyone${why ? ` — ${why}` : ""}`) : null,
    props.label ? h("strong", null, `${props.label}: `) : null,
    ...parts.map((part, i) => (part.mentioned ? h("mark", { key: i }, part.text) : part.text)),
  );
}

function Section(props: { id: string; title: string; empty: boolean; children?: ReactNode }): ReactNode {
  return h("section", { id: props.id }, h("h2", null, props.title), props.empty ? h("p", { className: "muted" }, "Nothing held.") : props.children);
}

function Table(props: { head: string[]; rows: { id?: string; className?: string; cells: ReactNode[] }[] }): ReactNode {
  return h(
    "table",
    null,
    h("thead", null, h("tr", null, ...props.head.map((cell, i) => h("th", { key: i, scope: "col" }, cell)))),
    h("tbody", null, ...props.rows.map((row, r) => h("tr", { key: r, id: row.id, className: row.className }, ...row.cells.map((cell, c) => h("td", { key: c }, cell))))),
  );
}

function Details(props: { rows: [string, ReactNode][] }): ReactNode {
  return h("dl", null, ...props.rows.flatMap(([term, value], i) => [h("dt", { key: `t${i}` }, term), h("dd", { key: `d${i}` }, value)]));
}

const reasonWords: Record<ReviewReason, string> = {
  mentions: "mentions",
  safeguarding: "safeguarding information",
  "another-person": "recorded because of another person",
  "unknown-kind": "a kind of access-log entry this version does not know",
};

/** The safe-contact record is flagged as a whole; its two passages only highlight the words. */
const highlightOnly = (marks: ReviewMarks) => ({ needsReview: false, mentions: marks.mentions });

function ExportDocument({ data }: { data: SubjectAccessExport }): ReactNode {
  const when = whenIn(data.timeZone);
  const p = data.person;
  const reasons = new Map(data.review.passages.map((entry) => [entry.anchor, entry.reason]));
  /** Why a passage is flagged, beyond the words it mentions (which the passage lists itself). */
  const reasonOf = (anchor: string) => {
    const reason = reasons.get(anchor);
    return reason && reason !== "mentions" ? reasonWords[reason] : undefined;
  };
  return h(
    "html",
    { lang: "en-GB" },
    h(
      "head",
      null,
      h("meta", { charSet: "utf-8" }),
      // Opened from a downloads folder, the file has no server's headers: its own policy allows
      // its stylesheet and nothing else, so no script could ever run in it.
      h("meta", { httpEquiv: "Content-Security-Policy", content: "default-src 'none'; style-src 'unsafe-inline'" }),
      h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      h("meta", { name: "referrer", content: "no-referrer" }),
      h("title", null, "Record export"),
      h("style", { dangerouslySetInnerHTML: { __html: STYLES } }),
    ),
    h(
      "body",
      null,
      h("h1", null, `Information held about ${p.name}`),
      h("p", { className: "muted" }, `${data.service} · made ${when(data.generatedAt)} by ${data.generatedBy} · reference ${data.reference}`),
      ...data.introduction.map((paragraph, i) => h("p", { key: `intro${i}` }, paragraph)),
      h("h3", null, "Not in this file"),
      h("ul", null, ...data.leftOut.map((line, i) => h("li", { key: i }, line))),

      h(
        "section",
        { id: "review", className: "review" },
        h("h2", null, `Passages to read first (${data.review.count})`),
        h("p", null, "For the member of staff preparing the file. Read each passage, redact what needs it, then remove this list and the review marks."),
        data.review.count === 0
          ? h("p", null, "No passage was flagged. Read the free text anyway: not every way of identifying someone can be found automatically.")
          : h(
              "ol",
              null,
              ...data.review.passages.map((entry, i) =>
                h(
                  "li",
                  { key: i },
                  h("a", { href: `#${entry.anchor}` }, entry.where),
                  entry.date ? ` (${when(entry.date)})` : "",
                  ` — ${reasonWords[entry.reason]}`,
                  entry.mentions.length > 0 ? `: ${entry.mentions.join(", ")}` : "",
                ),
              ),
            ),
      ),

      h(
        Section,
        { id: "person", title: "About you", empty: false },
        h(Details, {
          rows: [
            ["Name", p.name],
            ["Supported as", p.kind],
            ["Date of birth", when(p.dateOfBirth)],
            ["Gender", orDash(p.gender)],
            ["Sexual orientation", orDash(p.sexualOrientation)],
            ["Ethnic group", orDash(p.ethnicGroup)],
            ["Disability", orDash(p.disability)],
            ["Employment", orDash(p.employment)],
            ["Referred by", orDash(p.referralSource)],
            ["Agreed to answers being used for monitoring", `${p.consentToMonitoring ? "Yes" : "No"}${p.consentRecordedAt ? ` (recorded ${when(p.consentRecordedAt)})` : ""}`],
            ["Support started", when(p.involvementStartedAt)],
            ["Support ended", when(p.involvementEndedAt)],
            ["Why support ended", orDash(p.closureReason)],
            ["Page title you chose", p.pageTitle],
          ],
        }),
      ),

      h(
        Section,
        { id: "safe-contact-section", title: "Contacting you safely", empty: data.safeContact === null },
        data.safeContact
          ? h(
              "div",
              { id: data.safeContact.anchor, className: data.safeContact.needsReview ? "passage flagged" : undefined },
              data.safeContact.needsReview ? h("p", { className: "flag" }, `Read before giving this file to anyone — mentions: ${data.safeContact.mentions.join(", ")}`) : null,
              h(Details, {
                rows: [
                  ["Safe times", data.safeContact.safeTimes ? h(Passage, { text: data.safeContact.safeTimes, marks: highlightOnly(data.safeContact) }) : "—"],
                  ["Ways to contact you", data.safeContact.safeChannels.join(", ") || "—"],
                  ["Never contact you by", data.safeContact.doNotContactBy.join(", ") || "—"],
                  ["Code word", data.safeContact.codeWord ? h(Passage, { text: data.safeContact.codeWord, marks: highlightOnly(data.safeContact) }) : "—"],
                ],
              }),
            )
          : null,
      ),

      h(
        Section,
        { id: "allocations", title: "Your workers", empty: data.allocations.length === 0 },
        h(Table, {
          head: ["Worker", "Role", "From", "To", "Why the same worker supports someone else too"],
          rows: data.allocations.map((a) => ({
            id: a.anchor,
            className: a.needsReview ? "flagged" : undefined,
            cells: [
              a.worker,
              orDash(a.specialism),
              when(a.from),
              when(a.to),
              a.sameWorkerReason ? h(Passage, { text: a.sameWorkerReason, marks: a, reason: reasonOf(a.anchor) }) : "—",
            ],
          })),
        }),
      ),

      h(
        Section,
        { id: "risk", title: "Risk assessments", empty: data.riskAssessments.length === 0 },
        h(Table, {
          head: ["When", "Level", "Stage", "By", "Reason", "Review due"],
          rows: data.riskAssessments.map((r) => ({
            id: r.anchor,
            className: r.needsReview ? "flagged" : undefined,
            cells: [
              when(r.assessedAt),
              r.level,
              r.stage,
              orDash(r.by),
              r.reason ? h(Passage, { text: r.reason, marks: r, reason: reasonOf(r.anchor) }) : "—",
              when(r.reviewDueAt),
            ],
          })),
        }),
      ),

      h(
        Section,
        { id: "notes", title: "Case notes", empty: data.caseNotes.length === 0 },
        ...data.caseNotes.map((note, i) =>
          h(
            "article",
            { key: i, id: note.anchor },
            h("h3", null, `${when(note.occurredAt)} · ${note.kind}${note.author ? ` · ${note.author}` : ""}`),
            h(Passage, { text: note.text, marks: note }),
          ),
        ),
      ),

      h(
        Section,
        { id: "appointments", title: "Appointments", empty: data.appointments.length === 0 },
        h(Table, {
          head: ["When", "How", "Where", "With", "Status"],
          rows: data.appointments.map((a) => ({
            cells: [
              `${when(a.startsAt)} to ${when(a.endsAt)}`,
              a.mode,
              orDash(a.venue),
              a.with,
              a.cancelledBy ? `${a.status} (by ${a.cancelledBy})` : a.status,
            ],
          })),
        }),
      ),

      h(
        Section,
        { id: "messages", title: "Messages", empty: data.messages.length === 0 },
        ...data.messages.map((thread, t) =>
          h(
            "div",
            { key: t },
            h("h3", null, `With ${thread.with}, from ${when(thread.startedAt)}`),
            thread.messages.length === 0 ? h("p", { className: "muted" }, "No messages.") : null,
            ...thread.messages.map((message, m) =>
              h("div", { key: m, id: message.anchor }, h("p", { className: "muted" }, `${when(message.at)} · from ${message.from}`), h(Passage, { text: message.text, marks: message })),
            ),
          ),
        ),
      ),

      h(
        Section,
        { id: "questionnaires", title: "Questionnaires", empty: data.questionnaires.given.length === 0 && data.questionnaires.toDo.length === 0 },
        ...data.questionnaires.given.map((q, i) =>
          h(
            "div",
            { key: `q${i}` },
            h("h3", null, `${q.title} (version ${q.version}) · ${q.stage}`),
            h(
              "p",
              { className: "muted" },
              q.submittedAt ? `Sent ${when(q.submittedAt)}.` : "Not sent by you: only the worker's part is recorded.",
              q.workerCompletedAt ? ` Worker's part completed ${when(q.workerCompletedAt)}.` : "",
            ),
            h(Table, {
              head: ["Question", "Answer", "Answered by"],
              rows: q.answers.map((a) => ({
                id: a.anchor,
                className: a.needsReview ? "flagged" : undefined,
                cells: [
                  a.question,
                  typeof a.answer === "string" && a.needsReview
                    ? h(Passage, { text: a.answer, marks: a })
                    : Array.isArray(a.answer)
                      ? a.answer.join(", ") || "—"
                      : orDash(a.answer),
                  a.answeredBy,
                ],
              })),
            }),
            q.scores === null ? null : h("p", { className: "muted" }, "Scores: ", h("code", null, JSON.stringify(q.scores))),
          ),
        ),
        data.questionnaires.toDo.length > 0
          ? h(
              "div",
              { key: "todo" },
              h("h3", null, "Still to do"),
              h(Table, { head: ["Questionnaire", "Stage", "Due", "Status"], rows: data.questionnaires.toDo.map((q) => ({ cells: [q.title, q.stage, when(q.dueAt), q.status] })) }),
            )
          : null,
      ),

      h(
        Section,
        { id: "goals", title: "Goals", empty: data.goals.length === 0 },
        ...data.goals.map((goal, i) =>
          h(
            "div",
            { key: i, id: goal.anchor },
            h(Passage, { text: goal.title, marks: goal, label: `Goal set ${when(goal.setAt)}${goal.closedAt ? `, closed ${when(goal.closedAt)}` : ""}` }),
            goal.ratings.length === 0
              ? null
              : h(Table, { head: ["When", "Score (0–10)", "Rated by"], rows: goal.ratings.map((r) => ({ cells: [when(r.ratedAt), String(r.score), r.ratedBy] })) }),
          ),
        ),
      ),

      h(
        Section,
        { id: "alerts", title: "Alerts", empty: data.alerts.length === 0 },
        h("p", { className: "flag" }, "Safeguarding information: decide with a practitioner whether each alert may be disclosed."),
        h(Table, {
          head: ["Raised", "What", "Questionnaire", "Dealt with"],
          rows: data.alerts.map((a) => ({ id: a.anchor, className: "flagged", cells: [when(a.raisedAt), a.kind, orDash(a.questionnaire), when(a.resolvedAt)] })),
        }),
      ),

      h(
        Section,
        { id: "sign-ins", title: "Sign-ins", empty: data.signIns.length === 0 },
        h(Table, {
          head: ["When", "Device", "How", "Last active", "Locked", "Ended"],
          rows: data.signIns.map((s) => ({
            cells: [when(s.at), s.device, s.how, when(s.lastSeenAt), when(s.lockedAt), s.endedAt ? `${when(s.endedAt)}${s.endedBecause ? ` (${s.endedBecause})` : ""}` : "—"],
          })),
        }),
      ),

      h(
        Section,
        { id: "access", title: "Who looked at or changed your record", empty: data.accessLog.length === 0 },
        h(Table, {
          head: ["When", "Who", "What", "Why"],
          rows: data.accessLog.map((e) => ({
            id: e.anchor,
            className: e.needsReview ? "flagged" : undefined,
            cells: [when(e.at), e.who, e.action, e.reason],
          })),
        }),
      ),
    ),
  );
}

/**
 * The readable file: a complete, standalone HTML document. Rendered by React, so every value of
 * the export is escaped as text; nothing is pasted into markup by hand.
 */
export function subjectAccessHtml(exported: SubjectAccessExport): string {
  return `<!DOCTYPE html>\n${renderToStaticMarkup(h(ExportDocument, { data: exported }))}\n`;
}
