import type { Prisma } from "~/generated/prisma/client";

/**
 * The subject access export's shape: the object the JSON file holds and the HTML document shows
 * (see ./export.server.ts for what it holds and why).
 */
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

export type SectionKey = "safeContact" | "allocations" | "riskAssessments" | "caseNotes" | "messages" | "questionnaires" | "goals" | "alerts" | "accessLog";

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
  safeContact: ({ safeTimes: string | null; safeChannels: string[]; doNotContactBy: string[]; codeWord: string | null } & ReviewMarks) | null;
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
