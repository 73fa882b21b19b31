import { ACTIONS_KEPT_FROM_THE_PERSON, auditVisibility } from "~/audit/visibility";
import { open, openOptional } from "~/crypto/sealed.server";
import { db } from "~/db.server";
import { GOAL_WORDS_REMOVED } from "~/questionnaires/goals.server";
import { answerShownSelect } from "~/questionnaires/response-for-staff.server";
import { storedAgeBand, type AgeBand } from "~/age-bands/age-band";
import { definitionSchema, type QuestionnaireItem } from "~/questionnaires/definition-schema";
import { optionWords, yesNoWords } from "~/questionnaires/shown";
import { wordingFor } from "~/questionnaires/wording";
import { appointmentModeLabel, appointmentStatusLabel, contactChannelLabel, riskLevelLabel } from "~/staff/labels";
import { calendarDate } from "~/time/calendar";
import type { ReviewReason, AnswerWords, SubjectAccessExport } from "./shape";
import {
  specialismWords,
  assessmentStageWords,
  noteKindWords,
  questionnaireStageWords,
  assignmentStatusWords,
  alertWords,
  endReasonWords,
  methodWords,
} from "./code-words";
import { ReviewList } from "./mentions";

/**
 * How each section of the subject access export is read: only this person's rows, free text
 * opened and marked for review (./mentions.ts). Called by ./export.server.ts in the document's order.
 */

/** An instant as ISO 8601 in UTC. */
export const iso = (date: Date) => date.toISOString();
/** The same, or null. */
export const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);
/** A `@db.Date` column: the calendar day, without a time that a reader's time zone could shift. */
export const dayOrNull = (date: Date | null | undefined) => (date ? calendarDate(date) : null);

export async function loadSafeContact(personId: string, review: ReviewList): Promise<SubjectAccessExport["safeContact"]> {
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

export async function loadAllocations(personId: string, review: ReviewList): Promise<SubjectAccessExport["allocations"]> {
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

export async function loadRiskAssessments(personId: string, review: ReviewList, harmfulBehaviour: boolean): Promise<SubjectAccessExport["riskAssessments"]> {
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

export async function loadCaseNotes(personId: string, review: ReviewList): Promise<SubjectAccessExport["caseNotes"]> {
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

export async function loadAppointments(personId: string): Promise<SubjectAccessExport["appointments"]> {
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

export async function loadMessages(personId: string, review: ReviewList): Promise<SubjectAccessExport["messages"]> {
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
  const label = (value: string) => optionWords(item, value, band);
  switch (item?.type) {
    case "yes-no": {
      const value = answer.choiceValues[0];
      return value === undefined ? null : yesNoWords(value);
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
export async function loadQuestionnaires(personId: string, review: ReviewList): Promise<SubjectAccessExport["questionnaires"]> {
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
        answers: { select: answerShownSelect },
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

export async function loadGoals(personId: string, review: ReviewList): Promise<SubjectAccessExport["goals"]> {
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

export async function loadAlerts(personId: string, review: ReviewList): Promise<SubjectAccessExport["alerts"]> {
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

export async function loadSignIns(personId: string): Promise<SubjectAccessExport["signIns"]> {
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
export async function loadAccessLog(personId: string, review: ReviewList): Promise<SubjectAccessExport["accessLog"]> {
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
        ...review.mark(
          [],
          { anchor: `access-${flagged}`, section: "accessLog", index: flagged, where: `Access log, entry ${flagged} to read first`, date: iso(row.at) },
          because,
        ),
      },
    ];
  });
}
