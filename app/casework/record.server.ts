import { holdsFamily, requirePersonForStaff } from "~/auth/policy.server";
import type { StaffViewer } from "~/auth/session.server";
import { openOptional, open } from "~/crypto/sealed.server";
import { GOAL_WORDS_REMOVED } from "~/questionnaires/goals.server";
import { db } from "~/db.server";
import type { AlertKind, NoteKind, RiskLevel } from "~/generated/prisma/client";
import { ageOn, bandOf } from "~/age-bands/age-band";
import type { TimelineKind } from "~/person-data/rules";
import { publishedDefinition } from "~/questionnaires/registry.server";
import { scoreRange, storedScores } from "~/questionnaires/scoring";
import { wordingFor } from "~/questionnaires/wording";
import { appointmentModeLabel, appointmentStatusLabel, assessmentStageLabel, closureReasonLabel, noteKindLabel, riskLevelLabel } from "~/staff/labels";
import { mayEndAllocation } from "./changes.server";
import { PERSON_DETAILS } from "./person-details";
import { daysBetween, needsOf, sharedWorkerIds, statusesFor } from "./status.server";

/**
 * A person's record, for the staff who may see it (their allocated worker, the case manager who
 * holds their family): profile, safe-contact preferences, workers, risk, what is due, scores over
 * time and a timeline. Opening it is audited; opening it as the worker on a message thread marks
 * the person's messages to that worker as read.
 */
/** `kind`: one of the kinds the person-data register's timeline rules name (app/person-data/rules.ts). */
export type TimelineEvent = { at: string; kind: TimelineKind; title: string; body?: string; by?: string; link?: string };
export type ChartSeries = { label: string; points: { at: string; value: number }[] };
export type RecordChart = { key: string; title: string; yMin: number; yMax: number; yTickLabels?: Record<number, string>; series: ChartSeries[] };

const TIMELINE_LIMIT = 200;
const RISK_VALUE: Record<RiskLevel, number> = { STANDARD: 1, MEDIUM: 2, HIGH: 3 };

export async function loadPersonRecord(viewer: StaffViewer, personId: string, now: Date = new Date()) {
  const visible = await requirePersonForStaff(viewer, personId, { action: "person.read", reasonCode: "casework" });
  const person = await db().person.findUniqueOrThrow({
    where: { id: visible.id },
    select: {
      id: true,
      ...PERSON_DETAILS,
      family: {
        select: {
          id: true,
          reference: true,
          caseManagerId: true,
          area: { select: { name: true } },
          caseManager: { select: { displayName: true } },
          people: {
            where: { anonymisedAt: null, kind: { in: ["ADULT_SURVIVOR", "HARMFUL_BEHAVIOUR"] } },
            select: { kind: true, allocations: { where: { endedAt: null }, select: { staffId: true } } },
          },
        },
      },
      safeContact: { select: { safeTimesCipher: true, codeWordCipher: true, keyId: true, safeChannels: true, doNotContactBy: true, updatedAt: true } },
      allocations: {
        orderBy: { startedAt: "desc" },
        select: {
          id: true,
          startedAt: true,
          endedAt: true,
          sameWorkerReasonCipher: true,
          keyId: true,
          staff: { select: { id: true, displayName: true, specialism: true } },
        },
      },
      riskAssessments: {
        orderBy: { assessedAt: "desc" },
        select: {
          id: true,
          level: true,
          stage: true,
          assessedAt: true,
          reviewDueAt: true,
          reasonCipher: true,
          keyId: true,
          staff: { select: { displayName: true } },
        },
      },
      caseNotes: {
        orderBy: { occurredAt: "desc" },
        take: TIMELINE_LIMIT,
        select: { id: true, kind: true, occurredAt: true, bodyCipher: true, keyId: true, author: { select: { displayName: true } } },
      },
      appointments: {
        orderBy: { startsAt: "desc" },
        take: TIMELINE_LIMIT,
        select: { id: true, startsAt: true, mode: true, venue: true, status: true, staff: { select: { displayName: true } } },
      },
      threads: {
        select: {
          id: true,
          staffId: true,
          messages: {
            orderBy: { createdAt: "desc" },
            take: TIMELINE_LIMIT,
            select: {
              id: true,
              createdAt: true,
              bodyCipher: true,
              keyId: true,
              authorPersonId: true,
              readAt: true,
              authorStaff: { select: { displayName: true } },
            },
          },
        },
      },
      assignments: {
        where: { status: { in: ["ASSIGNED", "IN_PROGRESS"] } },
        orderBy: { dueAt: "asc" },
        select: { id: true, dueAt: true, status: true, stage: true, definition: { select: { title: true, key: true } } },
      },
      responses: {
        orderBy: [{ submittedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
        select: {
          id: true,
          definitionId: true,
          stage: true,
          submittedAt: true,
          workerCompletedAt: true,
          createdAt: true,
          scores: true,
          definition: { select: { title: true, key: true, version: true } },
        },
      },
      alerts: {
        orderBy: { createdAt: "desc" },
        take: 50,
        select: {
          id: true,
          kind: true,
          createdAt: true,
          resolvedAt: true,
          itemKeys: true,
          responseId: true,
          assignmentId: true,
          assignment: { select: { definitionId: true } },
          resolvedBy: { select: { displayName: true } },
        },
      },
      goals: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          titleCipher: true,
          keyId: true,
          createdAt: true,
          closedAt: true,
          ratings: { orderBy: { ratedAt: "asc" }, select: { score: true, ratedAt: true, ratedBy: true } },
        },
      },
    },
  });

  // The worker reading their own thread with the person has now seen those messages.
  const myThreads = person.threads.filter((t) => t.staffId === viewer.staff.id).map((t) => t.id);
  if (myThreads.length > 0) {
    await db().message.updateMany({ where: { threadId: { in: myThreads }, authorPersonId: { not: null }, readAt: null }, data: { readAt: now } });
  }

  const status = (await statusesFor([person.id], { now })).get(person.id);
  const name = `${person.firstName} ${person.lastName}`;
  const band = bandOf(person, now, viewer.staff.timeZone);
  const definitionIds = new Set([
    ...person.responses.map((r) => r.definitionId),
    ...person.alerts.flatMap((a) => (a.assignment ? [a.assignment.definitionId] : [])),
  ]);
  const definitions = new Map(await Promise.all([...definitionIds].map(async (id) => [id, await publishedDefinition(id)] as const)));
  /** The questions an alert was raised on, in the words staff read. */
  const alertQuestions = (alert: (typeof person.alerts)[number]) => {
    const definition = alert.assignment ? definitions.get(alert.assignment.definitionId) : undefined;
    return alert.itemKeys.map((key) => {
      const item = definition?.items.get(key);
      return item ? wordingFor(item.label, null) : key;
    });
  };

  // Whole-family working still keeps parties apart: flag the same worker on both sides.
  const shared = sharedWorkerIds(person.family.people);
  const sharesWorkerWithOtherParty = person.allocations.some((a) => !a.endedAt && shared.has(a.staff.id)) && person.kind !== "YOUNG_PERSON";

  const timeline: TimelineEvent[] = [];
  for (const note of person.caseNotes) {
    timeline.push({
      at: note.occurredAt.toISOString(),
      kind: noteEventKind(note.kind),
      title: noteKindLabel[note.kind],
      body: open(note.bodyCipher, note.keyId, "case-note"),
      by: note.author?.displayName ?? "A former member of staff",
    });
  }
  for (const a of person.appointments) {
    timeline.push({
      at: a.startsAt.toISOString(),
      kind: "appointment",
      title: `Appointment (${appointmentModeLabel[a.mode].toLowerCase()}): ${appointmentStatusLabel[a.status].toLowerCase()}`,
      body: a.venue ?? undefined,
      by: a.staff.displayName,
    });
  }
  for (const thread of person.threads) {
    for (const m of thread.messages) {
      timeline.push({
        at: m.createdAt.toISOString(),
        kind: "message",
        title: m.authorPersonId ? `Message from ${person.firstName}` : `Message to ${person.firstName}`,
        body: open(m.bodyCipher, m.keyId, "message"),
        by: m.authorPersonId ? undefined : (m.authorStaff?.displayName ?? undefined),
      });
    }
  }
  for (const r of person.responses) {
    const at = r.submittedAt ?? r.workerCompletedAt ?? r.createdAt;
    timeline.push({
      at: at.toISOString(),
      kind: "questionnaire",
      title: `${r.definition.title}: ${r.submittedAt ? "sent back" : "worker's part recorded"}`,
      link: `/staff/people/${person.id}/responses/${r.id}`,
    });
  }
  for (const r of person.riskAssessments) {
    timeline.push({
      at: r.assessedAt.toISOString(),
      kind: "risk",
      title: `Risk ${riskLevelLabel[r.level].toLowerCase()} (${assessmentStageLabel[r.stage].toLowerCase()})`,
      body: openOptional(r.reasonCipher, r.keyId, "risk-reason") ?? undefined,
      by: r.staff?.displayName,
    });
  }
  for (const alert of person.alerts) {
    timeline.push({
      at: alert.createdAt.toISOString(),
      kind: "alert",
      title: alertWords(alert.kind),
      link: alert.responseId ? `/staff/people/${person.id}/responses/${alert.responseId}` : undefined,
    });
  }
  for (const a of person.allocations) {
    timeline.push({ at: a.startedAt.toISOString(), kind: "allocation", title: `${a.staff.displayName} allocated` });
    if (a.endedAt) timeline.push({ at: a.endedAt.toISOString(), kind: "allocation", title: `${a.staff.displayName}'s allocation ended` });
  }
  if (person.involvementEndedAt) {
    timeline.push({
      at: person.involvementEndedAt.toISOString(),
      kind: "closure",
      title: `Involvement closed${person.closureReason ? `: ${closureReasonLabel[person.closureReason].toLowerCase()}` : ""}`,
    });
  }
  timeline.sort((a, b) => b.at.localeCompare(a.at));

  const charts: RecordChart[] = [];
  if (person.riskAssessments.length > 0) {
    charts.push({
      key: "risk",
      title: "Risk level",
      yMin: 1,
      yMax: 3,
      yTickLabels: { 1: "Standard", 2: "Medium", 3: "High" },
      series: [{ label: "Risk", points: [...person.riskAssessments].reverse().map((r) => ({ at: r.assessedAt.toISOString(), value: RISK_VALUE[r.level] })) }],
    });
  }
  charts.push(...scoreCharts(person.responses, definitions));
  const goals = person.goals.map((g) => ({
    id: g.id,
    title: openOptional(g.titleCipher, g.keyId, "goal-title") ?? GOAL_WORDS_REMOVED,
    createdAt: g.createdAt.toISOString(),
    closedAt: g.closedAt?.toISOString() ?? null,
    ratings: g.ratings.map((r) => ({ score: r.score, at: r.ratedAt.toISOString(), by: r.ratedBy })),
  }));
  if (goals.some((g) => g.ratings.length > 0)) {
    charts.push({
      key: "goals",
      title: "Progress towards goals (0–10)",
      yMin: 0,
      yMax: 10,
      series: goals.filter((g) => g.ratings.length > 0).map((g) => ({ label: g.title, points: g.ratings.map((r) => ({ at: r.at, value: r.score })) })),
    });
  }

  return {
    person: {
      id: person.id,
      name,
      firstName: person.firstName,
      kind: person.kind,
      dateOfBirth: person.dateOfBirth?.toISOString() ?? null,
      age: person.dateOfBirth ? ageOn(person.dateOfBirth, now, viewer.staff.timeZone) : null,
      band,
      pageTitle: person.pageTitle,
      gender: person.gender,
      sexualOrientation: person.sexualOrientation,
      ethnicityGroup: person.ethnicityGroup,
      disability: person.disability,
      employment: person.employment,
      referralSource: person.referralSource,
      consentMonitoring: person.consentMonitoring,
      consentRecordedAt: person.consentRecordedAt?.toISOString() ?? null,
      startedAt: person.involvementStartedAt.toISOString(),
      endedAt: person.involvementEndedAt?.toISOString() ?? null,
      closureReason: person.closureReason,
    },
    family: {
      id: person.family.id,
      reference: person.family.reference,
      area: person.family.area.name,
      caseManager: person.family.caseManager?.displayName ?? null,
    },
    canManage: holdsFamily(viewer, person.family),
    isAllocated: person.allocations.some((a) => !a.endedAt && a.staff.id === viewer.staff.id),
    sharesWorkerWithOtherParty,
    safeContact: person.safeContact
      ? {
          safeTimes: openOptional(person.safeContact.safeTimesCipher, person.safeContact.keyId, "safe-times"),
          codeWord: openOptional(person.safeContact.codeWordCipher, person.safeContact.keyId, "code-word"),
          safeChannels: person.safeContact.safeChannels,
          doNotContactBy: person.safeContact.doNotContactBy,
          updatedAt: person.safeContact.updatedAt.toISOString(),
        }
      : null,
    allocations: person.allocations.map((a) => ({
      id: a.id,
      mayEnd: !a.endedAt && mayEndAllocation(viewer, person.family, { staffId: a.staff.id }),
      staffName: a.staff.displayName,
      specialism: a.staff.specialism,
      startedAt: a.startedAt.toISOString(),
      endedAt: a.endedAt?.toISOString() ?? null,
      sameWorkerReason: openOptional(a.sameWorkerReasonCipher, a.keyId, "same-worker-reason"),
    })),
    risk: person.riskAssessments.map((r) => ({
      id: r.id,
      level: r.level,
      stage: r.stage,
      assessedAt: r.assessedAt.toISOString(),
      reviewDueAt: r.reviewDueAt?.toISOString() ?? null,
      by: r.staff?.displayName ?? null,
    })),
    needs: status ? needsOf(status, now, person.involvementStartedAt, viewer.staff.timeZone) : [],
    daysSinceContact: status?.lastContact ? daysBetween(status.lastContact, now, viewer.staff.timeZone) : null,
    nextAppointment: status?.nextAppointment?.toISOString() ?? null,
    alerts: person.alerts
      .filter((a) => !a.resolvedAt)
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        words: alertWords(a.kind),
        at: a.createdAt.toISOString(),
        items: alertQuestions(a),
        responseId: a.responseId,
        assignmentId: a.assignmentId,
      })),
    due: person.assignments.map((a) => ({
      id: a.id,
      title: a.definition.title,
      key: a.definition.key,
      stage: a.stage,
      dueAt: a.dueAt.toISOString(),
      overdue: a.dueAt < now,
      started: a.status === "IN_PROGRESS",
    })),
    responses: person.responses.map((r) => ({
      id: r.id,
      title: r.definition.title,
      version: r.definition.version,
      stage: r.stage,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      workerCompletedAt: r.workerCompletedAt?.toISOString() ?? null,
      workerPartDue:
        (definitions.get(r.definitionId)?.data.sections.some((s) => s.items.some((i) => i.respondent === "worker")) ?? false) && !r.workerCompletedAt,
      scores: storedScores(r.scores, definitions.get(r.definitionId)?.data.scores),
    })),
    goals,
    charts,
    timeline: timeline.slice(0, TIMELINE_LIMIT),
  };
}

function noteEventKind(kind: NoteKind): TimelineEvent["kind"] {
  return kind === "CONTACT" ? "contact" : kind === "CONTACT_ATTEMPT" ? "attempt" : "note";
}

function alertWords(kind: AlertKind) {
  const words: Record<AlertKind, string> = {
    SAFETY_ANSWER: "A questionnaire answer needs checking",
    NOT_ME: "They did not recognise a sign-in",
    NEW_SIGN_IN_METHOD: "A new way to sign in was added to their account",
  };
  return words[kind];
}

/**
 * One chart per score key, with every response that has that score (intake, check-ins, exit
 * together: the definitions share keys for this). The range comes from the items the score counts.
 */
function scoreCharts(
  responses: { definitionId: string; submittedAt: Date | null; scores: unknown }[],
  definitions: Map<string, Awaited<ReturnType<typeof publishedDefinition>>>,
): RecordChart[] {
  const charts = new Map<string, RecordChart>();
  for (const r of [...responses].reverse()) {
    if (!r.submittedAt) continue;
    const definition = definitions.get(r.definitionId);
    for (const { key, value } of storedScores(r.scores)) {
      const spec = definition?.data.scores?.find((s) => s.key === key);
      if (!spec || !definition) continue;
      let chart = charts.get(key);
      if (!chart) {
        const range = scoreRange(spec, definition.items);
        chart = { key, title: spec.label, yMin: range[0], yMax: range[1], series: [{ label: spec.label, points: [] }] };
        charts.set(key, chart);
      }
      chart.series[0]?.points.push({ at: r.submittedAt.toISOString(), value });
    }
  }
  return [...charts.values()];
}
