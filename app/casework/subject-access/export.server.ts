import { recordPseudonym } from "~/audit/audit-view.server";
import { type AuditAction } from "~/audit/visibility";
import { requirePersonForStaff } from "~/auth/policy.server";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import type { PersonKind } from "~/generated/prisma/enums";
import { exportSections } from "~/person-data/register.server";
import type { ExportSection } from "~/person-data/rules";
import { personKindLabel } from "~/staff/labels";
import { PERSON_DETAILS } from "../person-details";
import type { SubjectAccessExport } from "./shape";
import { genderWords, orientationWords, ethnicityWords, employmentWords, referralWords, closureWords } from "./code-words";
import { mentionFinder, ReviewList } from "./mentions";
import {
  loadSafeContact,
  loadAllocations,
  loadRiskAssessments,
  loadCaseNotes,
  loadAppointments,
  loadMessages,
  loadQuestionnaires,
  loadGoals,
  loadAlerts,
  loadSignIns,
  loadAccessLog,
  iso,
  isoOrNull,
  dayOrNull,
} from "./sections.server";

/**
 * A subject access export (UK GDPR Art. 15): everything the service holds about one person, as a
 * machine-readable object (JSON) and a readable, printable HTML document.
 *
 * Three rules shape it (docs/background/subject-access.md):
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
      select: PERSON_DETAILS,
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
    'Before this file is given to anyone, a member of staff must read every passage in the list "Passages to read first" and redact (remove) anything that would identify another person or put anyone at risk, then remove that list and the review marks. The list is made by looking for family members\' names and words such as "partner" or "mum"; someone can also be identified from context, so read all free text with that in mind.',
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
  'Answers saved in a questionnaire but not yet sent: they are kept for the person to finish or discard, staff do not read them, and the person sees them when they sign in. Questionnaires started but not sent are listed as "Started".',
  "Passkeys and PIN: only values that cannot be turned back into the secret are held. The person can see and remove their passkeys on their account page.",
  "Outcome reports: they hold counts across many people, never one person's answers.",
];
