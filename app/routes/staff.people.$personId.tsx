import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Outlet, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/session.server";
import { addNote, endAllocation, resolveAlert } from "~/casework/changes.server";
import { loadPersonRecord } from "~/casework/record.server";
import { noteSchema } from "~/casework/schemas";
import { toLocalDateTime, todayIn } from "~/time/calendar";
import { formatCalendarDay } from "~/time/format";
import { useDates } from "~/time/context";
import { DoneNotice, FormError, optionsFrom, SelectField, TextArea, TextField } from "~/components/form-fields";
import { date } from "~/forms/fields";
import { formOnPage } from "~/forms/on-page";
import { parseForm } from "~/forms/parse";
import { accepted, formId, readIntent, refused } from "~/forms/reply";
import { assignableDefinitions, assignQuestionnaire, withdrawAssignment } from "~/questionnaires/assignments.server";
import { pageMeta } from "~/safety/neutral-titles";
import {
  closureReasonLabel,
  contactChannelLabel,
  employmentLabel,
  ethnicityLabel,
  genderLabel,
  noteKindLabel,
  personKindLabel,
  riskLevelLabel,
  assessmentStageLabel,
  sexualOrientationLabel,
  specialismLabel,
} from "~/staff/labels";
import { RowAction } from "~/components/row-action";
import { readRecordForm } from "~/casework/record-form.server";

/**
 * A person's record: what needs attention, who works with them, how to contact them safely,
 * risk, questionnaires and a note, with the record's history (scores over time and the timeline)
 * drawn below by the nested index route (staff.people.$personId._index.tsx) from this loader's
 * data: one loader, so one look at the record is one entry in the audit log. For their allocated
 * worker and the case manager who holds their family; anyone else gets a 404. The pages about one
 * part of the record (staff.people.$personId_.*) stand outside this layout, with loaders of their own.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const record = await loadPersonRecord(viewer, params.personId ?? "");
  const assignable = await assignableDefinitions(viewer.staff.serviceId, record.person.kind);
  return { ...record, assignable, now: toLocalDateTime(new Date(), viewer.staff.timeZone), today: todayIn(viewer.staff.timeZone) };
}

const assignSchema = z.object({
  definitionKey: z.string().min(1, "Choose a questionnaire"),
  dueAt: date({ required: "Enter the date it is due" }),
});

const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("note") }),
  z.object({ intent: z.literal("assign") }),
  z.object({ intent: z.literal("withdraw"), assignmentId: formId }),
  z.object({ intent: z.literal("resolve-alert"), alertId: formId }),
  z.object({ intent: z.literal("end-allocation"), allocationId: formId }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  // Someone else's record answers 404 before its form is read.
  const { viewer, values } = await readRecordForm(request, params.personId);
  const personId = params.personId ?? "";
  const sent = readIntent(intents, values);
  switch (sent?.intent) {
    case "note": {
      const parsed = parseForm(noteSchema(viewer.staff.timeZone), values);
      if (!parsed.ok) return refused(parsed.fields, { form: "note", values });
      await addNote(viewer, personId, parsed.data);
      return accepted("Note added.", { form: "note" });
    }
    case "assign": {
      const parsed = parseForm(assignSchema, values);
      if (!parsed.ok) return refused(parsed.fields, { form: "assign", values });
      const result = await assignQuestionnaire(viewer, personId, parsed.data);
      if (!result.ok) return refused(result.fields, { form: "assign", values });
      return accepted("Questionnaire assigned.", { form: "assign" });
    }
    case "withdraw":
      if (!(await withdrawAssignment(viewer, personId, sent.assignmentId))) throw new Response("Not found", { status: 404 });
      return accepted("Questionnaire withdrawn.", { form: "due" });
    case "resolve-alert":
      await resolveAlert(viewer, personId, sent.alertId);
      return accepted("Marked as dealt with.", { form: "alerts" });
    case "end-allocation":
      await endAllocation(viewer, personId, sent.allocationId);
      return accepted("Allocation ended.", { form: "workers" });
    case undefined:
      return refused({ form: "Choose what to do." }, { form: "none" });
  }
}

export default function PersonRecord() {
  const dates = useDates();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { person, family } = data;
  const assignForm = formOnPage(result, "assign");
  const noteForm = formOnPage(result, "note");
  const closed = person.endedAt !== null;
  return (
    <main className="wide record">
      <h1>{person.name}</h1>
      <p className="muted">
        {personKindLabel[person.kind]}
        {person.age !== null ? `, ${person.age}` : ""}
        {person.band ? ` (${person.band} view)` : ""} · family{" "}
        {data.canManage ? <a href={`/staff/families/${family.id}`}>{family.reference}</a> : family.reference} · {family.area}
        {family.caseManager ? ` · case manager ${family.caseManager}` : ""}
        {closed
          ? ` · closed ${formatCalendarDay(person.endedAt)}${person.closureReason ? ` (${closureReasonLabel[person.closureReason].toLowerCase()})` : ""}`
          : ` · since ${dates.day(person.startedAt)}`}
      </p>
      <DoneNotice message={result?.done} />

      {data.alerts.length > 0 ? (
        <section className="card alert-card" aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">Check first</h2>
          <ul className="plain">
            {data.alerts.map((a) => (
              <li key={a.id}>
                <strong>{a.words}</strong> · {dates.dayTime(a.at)}
                {a.items.length > 0 ? (
                  <ul className="alert-questions">
                    {a.items.map((question) => (
                      <li key={question}>{question}</li>
                    ))}
                  </ul>
                ) : null}
                {a.responseId ? (
                  <>
                    {" "}
                    · <a href={`/staff/people/${person.id}/responses/${a.responseId}`}>See the answers</a>
                  </>
                ) : a.assignmentId ? (
                  <span className="muted"> · answered in a questionnaire not yet sent back</span>
                ) : null}
                <RowAction intent="resolve-alert" name="alertId" value={a.id} label="Mark as dealt with" about={a.words} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.needs.filter((n) => n.key !== "alert" && n.key !== "not-me" && n.key !== "new-sign-in").length > 0 ? (
        <ul className="needs needs--row" aria-label="Needs attention">
          {data.needs
            .filter((n) => n.key !== "alert" && n.key !== "not-me" && n.key !== "new-sign-in")
            .map((n) => (
              <li key={n.key} className={`need need--${n.key}`}>
                {n.words}
              </li>
            ))}
        </ul>
      ) : null}

      {data.sharesWorkerWithOtherParty ? (
        <p className="card warning" role="note">
          The same worker supports this person and the other party in the family. The recorded reason is under Workers.
        </p>
      ) : null}

      <nav aria-label="Record actions" className="actions">
        <a href={`/staff/people/${person.id}/profile`}>Edit details</a>
        <a href={`/staff/people/${person.id}/contact`}>Safe contact</a>
        <a href={`/staff/people/${person.id}/risk`}>Record risk</a>
        <a href={`/staff/people/${person.id}/goals`}>Goals</a>
        <a href={`/staff/people/${person.id}/book`}>Appointments</a>
        <a href={`/staff/people/${person.id}/messages`}>Messages</a>
        {data.canManage ? <a href={`/staff/people/${person.id}/allocate`}>Allocate a worker</a> : null}
        {!closed ? <a href={`/staff/people/${person.id}/close`}>Close involvement</a> : null}
        {data.canManage ? <a href={`/staff/people/${person.id}/merge`}>Merge a duplicate</a> : null}
        <a href={`/staff/people/${person.id}/code`}>Sign-in code</a>
        <a href={`/staff/people/${person.id}/export`}>Subject access export</a>
      </nav>

      <div className="columns">
        <section className="card" aria-labelledby="contact-heading">
          <h2 id="contact-heading">Safe contact</h2>
          {data.safeContact ? (
            <dl className="facts">
              <dt>Safe times</dt>
              <dd>{data.safeContact.safeTimes ?? "Not recorded"}</dd>
              <dt>Safe ways</dt>
              <dd>{data.safeContact.safeChannels.length > 0 ? data.safeContact.safeChannels.map((c) => contactChannelLabel[c]).join(", ") : "Not recorded"}</dd>
              <dt>Never by</dt>
              <dd>
                {data.safeContact.doNotContactBy.length > 0 ? (
                  <strong>{data.safeContact.doNotContactBy.map((c) => contactChannelLabel[c]).join(", ")}</strong>
                ) : (
                  "Nothing recorded"
                )}
              </dd>
              <dt>Code word</dt>
              <dd>
                {data.safeContact.codeWord ? (
                  <details>
                    <summary>Show the code word</summary>
                    <span className="code-word">{data.safeContact.codeWord}</span>
                  </details>
                ) : (
                  "None set"
                )}
              </dd>
            </dl>
          ) : (
            <p>
              <strong>Not recorded yet.</strong> Ask how and when it is safe to contact them before you do.
            </p>
          )}
        </section>

        <section className="card" aria-labelledby="workers-heading">
          <h2 id="workers-heading">Workers</h2>
          <FormError message={formOnPage(result, "workers").errors.form} />
          {data.allocations.filter((a) => !a.endedAt).length === 0 ? <p>No worker allocated.</p> : null}
          <ul className="plain">
            {data.allocations
              .filter((a) => !a.endedAt)
              .map((a) => (
                <li key={a.id}>
                  {a.staffName}
                  {a.specialism ? <span className="muted"> · {specialismLabel[a.specialism]}</span> : null}
                  <span className="muted"> · since {dates.day(a.startedAt)}</span>
                  {a.sameWorkerReason ? <p className="small">Same worker as the other party: {a.sameWorkerReason}</p> : null}
                  {a.mayEnd ? <RowAction intent="end-allocation" name="allocationId" value={a.id} label="End allocation" about={`of ${a.staffName}`} /> : null}
                </li>
              ))}
          </ul>
          {data.allocations.some((a) => a.endedAt) ? (
            <details>
              <summary>Earlier workers</summary>
              <ul className="plain">
                {data.allocations
                  .filter((a) => a.endedAt)
                  .map((a) => (
                    <li key={a.id}>
                      {a.staffName}, {dates.day(a.startedAt)} to {dates.day(a.endedAt)}
                    </li>
                  ))}
              </ul>
            </details>
          ) : null}
        </section>

        <section className="card" aria-labelledby="risk-heading">
          <h2 id="risk-heading">Risk</h2>
          {data.risk[0] ? (
            <>
              <p>
                <strong>{riskLevelLabel[data.risk[0].level]}</strong> at {assessmentStageLabel[data.risk[0].stage].toLowerCase()},{" "}
                {formatCalendarDay(data.risk[0].assessedAt)}
                {data.risk[0].by ? ` by ${data.risk[0].by}` : ""}
              </p>
              <p>{data.risk[0].reviewDueAt ? `Next review due ${formatCalendarDay(data.risk[0].reviewDueAt)}` : "No review set"}</p>
            </>
          ) : (
            <p>Not assessed yet.</p>
          )}
          <p>
            <a href={`/staff/people/${person.id}/risk`}>Record a risk assessment</a>
          </p>
        </section>

        <section className="card" aria-labelledby="about-heading">
          <h2 id="about-heading">About them</h2>
          <dl className="facts">
            <dt>Date of birth</dt>
            <dd>{person.dateOfBirth ? formatCalendarDay(person.dateOfBirth) : "Not recorded"}</dd>
            <dt>Gender</dt>
            <dd>{person.gender ? genderLabel[person.gender] : "Not recorded"}</dd>
            <dt>Sexual orientation</dt>
            <dd>{person.sexualOrientation ? sexualOrientationLabel[person.sexualOrientation] : "Not recorded"}</dd>
            <dt>Ethnic group</dt>
            <dd>{person.ethnicityGroup ? ethnicityLabel[person.ethnicityGroup] : "Not recorded"}</dd>
            <dt>Disability</dt>
            <dd>{person.disability === null ? "Not recorded" : person.disability ? "Yes" : "No"}</dd>
            <dt>Employment</dt>
            <dd>{person.employment ? employmentLabel[person.employment] : "Not recorded"}</dd>
            <dt>Monitoring consent</dt>
            <dd>{person.consentMonitoring ? `Agreed${person.consentRecordedAt ? `, ${dates.day(person.consentRecordedAt)}` : ""}` : "Not agreed"}</dd>
            <dt>Page title</dt>
            <dd>{person.pageTitle}</dd>
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby="questionnaires-heading">
        <h2 id="questionnaires-heading">Questionnaires</h2>
        <FormError message={formOnPage(result, "due").errors.form} />
        {data.due.length === 0 ? (
          <p>Nothing waiting for them.</p>
        ) : (
          <ul className="plain">
            {data.due.map((d) => (
              <li key={d.id}>
                <strong>{d.title}</strong> ·{" "}
                {d.overdue ? <span className="need need--overdue">was due {dates.day(d.dueAt)}</span> : `due ${dates.day(d.dueAt)}`}
                {d.started ? <span className="muted"> · started</span> : null} · <a href={`/staff/people/${person.id}/assignments/${d.id}`}>Your part</a>
                <RowAction intent="withdraw" name="assignmentId" value={d.id} label="Withdraw" about={d.title} />
              </li>
            ))}
          </ul>
        )}
        {!closed || data.assignable.some((a) => a.stage === "EXIT") ? (
          <Form method="post" className="assign-form" noValidate>
            <input type="hidden" name="intent" value="assign" />
            <SelectField
              {...assignForm.field("definitionKey")}
              label="Assign a questionnaire"
              options={data.assignable.map((a) => ({ value: a.key, label: a.title }))}
              placeholder="Choose one"
            />
            <TextField {...assignForm.field("dueAt", data.today)} type="date" label="Due on" />
            <button type="submit">Assign</button>
          </Form>
        ) : null}
        {data.responses.length > 0 ? (
          <>
            <h3>Given</h3>
            <ul className="plain">
              {data.responses.map((r) => (
                <li key={r.id}>
                  <a href={`/staff/people/${person.id}/responses/${r.id}`}>{r.title}</a>
                  <span className="muted"> · {r.submittedAt ? dates.day(r.submittedAt) : "not sent back yet"}</span>
                  {r.workerPartDue ? <span className="need need--overdue"> · your part to do</span> : null}
                  {r.scores.length > 0 ? (
                    <span className="small"> · {r.scores.map((s) => `${s.label}: ${s.value}${s.band ? ` (${s.band})` : ""}`).join("; ")}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="note-heading">
        <h2 id="note-heading">Add a note</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="note" />
          <SelectField {...noteForm.field("kind", "NOTE")} label="Kind of note" options={optionsFrom(noteKindLabel)} />
          <TextField {...noteForm.field("occurredAt", data.now)} type="datetime-local" label="When it happened" />
          <TextArea
            {...noteForm.field("body")}
            label="Note"
            hint="Stored encrypted. Write what you would be content for them to read in a subject access request."
            maxLength={10000}
          />
          <button type="submit">Add the note</button>
        </Form>
      </section>

      <Outlet />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Record · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
