import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { localDateOf } from "~/time/calendar";
import { datesIn, formatCalendarDayMedium } from "~/time/format";
import type { ReviewMarks, ReviewReason, SubjectAccessExport } from "./shape";
import { splitOnMentions } from "./mentions";

/**
 * The subject access export as files: the JSON, a neutral file name, and the readable HTML document
 * rendered by React.
 */

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
  return (
    <div className={marks.needsReview ? "passage flagged" : "passage"}>
      {marks.needsReview ? <p className="flag">{`Read before giving this file to anyone${why ? ` — ${why}` : ""}`}</p> : null}
      {props.label ? <strong>{`${props.label}: `}</strong> : null}
      {parts.map((part, i) => (part.mentioned ? <mark key={i}>{part.text}</mark> : part.text))}
    </div>
  );
}

function Section(props: { id: string; title: string; empty: boolean; children?: ReactNode }): ReactNode {
  return (
    <section id={props.id}>
      <h2>{props.title}</h2>
      {props.empty ? <p className="muted">Nothing held.</p> : props.children}
    </section>
  );
}

function Table(props: { head: string[]; rows: { id?: string; className?: string; cells: ReactNode[] }[] }): ReactNode {
  return (
    <table>
      <thead>
        <tr>
          {props.head.map((cell, i) => (
            <th key={i} scope="col">
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, r) => (
          <tr key={r} id={row.id} className={row.className}>
            {row.cells.map((cell, c) => (
              <td key={c}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Details(props: { rows: [string, ReactNode][] }): ReactNode {
  return <dl>{props.rows.flatMap(([term, value], i) => [<dt key={`t${i}`}>{term}</dt>, <dd key={`d${i}`}>{value}</dd>])}</dl>;
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
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        {/* Opened from a downloads folder, the file has no server's headers: its own policy allows */}
        {/* its stylesheet and nothing else, so no script could ever run in it. */}
        <meta httpEquiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>Record export</title>
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        <h1>{`Information held about ${p.name}`}</h1>
        <p className="muted">{`${data.service} · made ${when(data.generatedAt)} by ${data.generatedBy} · reference ${data.reference}`}</p>
        {data.introduction.map((paragraph, i) => (
          <p key={`intro${i}`}>{paragraph}</p>
        ))}
        <h3>Not in this file</h3>
        <ul>
          {data.leftOut.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
        <section id="review" className="review">
          <h2>{`Passages to read first (${data.review.count})`}</h2>
          <p>For the member of staff preparing the file. Read each passage, redact what needs it, then remove this list and the review marks.</p>
          {data.review.count === 0 ? (
            <p>No passage was flagged. Read the free text anyway: not every way of identifying someone can be found automatically.</p>
          ) : (
            <ol>
              {data.review.passages.map((entry, i) => (
                <li key={i}>
                  <a href={`#${entry.anchor}`}>{entry.where}</a>
                  {entry.date ? ` (${when(entry.date)})` : ""}
                  {` — ${reasonWords[entry.reason]}`}
                  {entry.mentions.length > 0 ? `: ${entry.mentions.join(", ")}` : ""}
                </li>
              ))}
            </ol>
          )}
        </section>
        <Section id="person" title="About you" empty={false}>
          <Details
            rows={[
              ["Name", p.name],
              ["Supported as", p.kind],
              ["Date of birth", when(p.dateOfBirth)],
              ["Gender", orDash(p.gender)],
              ["Sexual orientation", orDash(p.sexualOrientation)],
              ["Ethnic group", orDash(p.ethnicGroup)],
              ["Disability", orDash(p.disability)],
              ["Employment", orDash(p.employment)],
              ["Referred by", orDash(p.referralSource)],
              [
                "Agreed to answers being used for monitoring",
                `${p.consentToMonitoring ? "Yes" : "No"}${p.consentRecordedAt ? ` (recorded ${when(p.consentRecordedAt)})` : ""}`,
              ],
              ["Support started", when(p.involvementStartedAt)],
              ["Support ended", when(p.involvementEndedAt)],
              ["Why support ended", orDash(p.closureReason)],
              ["Page title you chose", p.pageTitle],
            ]}
          />
        </Section>
        <Section id="safe-contact-section" title="Contacting you safely" empty={data.safeContact === null}>
          {data.safeContact ? (
            <div id={data.safeContact.anchor} className={data.safeContact.needsReview ? "passage flagged" : undefined}>
              {data.safeContact.needsReview ? (
                <p className="flag">{`Read before giving this file to anyone — mentions: ${data.safeContact.mentions.join(", ")}`}</p>
              ) : null}
              <Details
                rows={[
                  ["Safe times", data.safeContact.safeTimes ? <Passage text={data.safeContact.safeTimes} marks={highlightOnly(data.safeContact)} /> : "—"],
                  ["Ways to contact you", data.safeContact.safeChannels.join(", ") || "—"],
                  ["Never contact you by", data.safeContact.doNotContactBy.join(", ") || "—"],
                  ["Code word", data.safeContact.codeWord ? <Passage text={data.safeContact.codeWord} marks={highlightOnly(data.safeContact)} /> : "—"],
                ]}
              />
            </div>
          ) : null}
        </Section>
        <Section id="allocations" title="Your workers" empty={data.allocations.length === 0}>
          <Table
            head={["Worker", "Role", "From", "To", "Why the same worker supports someone else too"]}
            rows={data.allocations.map((a) => ({
              id: a.anchor,
              className: a.needsReview ? "flagged" : undefined,
              cells: [
                a.worker,
                orDash(a.specialism),
                when(a.from),
                when(a.to),
                a.sameWorkerReason ? <Passage text={a.sameWorkerReason} marks={a} reason={reasonOf(a.anchor)} /> : "—",
              ],
            }))}
          />
        </Section>
        <Section id="risk" title="Risk assessments" empty={data.riskAssessments.length === 0}>
          <Table
            head={["When", "Level", "Stage", "By", "Reason", "Review due"]}
            rows={data.riskAssessments.map((r) => ({
              id: r.anchor,
              className: r.needsReview ? "flagged" : undefined,
              cells: [
                when(r.assessedAt),
                r.level,
                r.stage,
                orDash(r.by),
                r.reason ? <Passage text={r.reason} marks={r} reason={reasonOf(r.anchor)} /> : "—",
                when(r.reviewDueAt),
              ],
            }))}
          />
        </Section>
        <Section id="notes" title="Case notes" empty={data.caseNotes.length === 0}>
          {data.caseNotes.map((note, i) => (
            <article key={i} id={note.anchor}>
              <h3>{`${when(note.occurredAt)} · ${note.kind}${note.author ? ` · ${note.author}` : ""}`}</h3>
              <Passage text={note.text} marks={note} />
            </article>
          ))}
        </Section>
        <Section id="appointments" title="Appointments" empty={data.appointments.length === 0}>
          <Table
            head={["When", "How", "Where", "With", "Status"]}
            rows={data.appointments.map((a) => ({
              cells: [
                `${when(a.startsAt)} to ${when(a.endsAt)}`,
                a.mode,
                orDash(a.venue),
                a.with,
                a.cancelledBy ? `${a.status} (by ${a.cancelledBy})` : a.status,
              ],
            }))}
          />
        </Section>
        <Section id="messages" title="Messages" empty={data.messages.length === 0}>
          {data.messages.map((thread, t) => (
            <div key={t}>
              <h3>{`With ${thread.with}, from ${when(thread.startedAt)}`}</h3>
              {thread.messages.length === 0 ? <p className="muted">No messages.</p> : null}
              {thread.messages.map((message, m) => (
                <div key={m} id={message.anchor}>
                  <p className="muted">{`${when(message.at)} · from ${message.from}`}</p>
                  <Passage text={message.text} marks={message} />
                </div>
              ))}
            </div>
          ))}
        </Section>
        <Section id="questionnaires" title="Questionnaires" empty={data.questionnaires.given.length === 0 && data.questionnaires.toDo.length === 0}>
          {data.questionnaires.given.map((q, i) => (
            <div key={`q${i}`}>
              <h3>{`${q.title} (version ${q.version}) · ${q.stage}`}</h3>
              <p className="muted">
                {q.submittedAt ? `Sent ${when(q.submittedAt)}.` : "Not sent by you: only the worker's part is recorded."}
                {q.workerCompletedAt ? ` Worker's part completed ${when(q.workerCompletedAt)}.` : ""}
              </p>
              <Table
                head={["Question", "Answer", "Answered by"]}
                rows={q.answers.map((a) => ({
                  id: a.anchor,
                  className: a.needsReview ? "flagged" : undefined,
                  cells: [
                    a.question,
                    typeof a.answer === "string" && a.needsReview ? (
                      <Passage text={a.answer} marks={a} />
                    ) : Array.isArray(a.answer) ? (
                      a.answer.join(", ") || "—"
                    ) : (
                      orDash(a.answer)
                    ),
                    a.answeredBy,
                  ],
                }))}
              />
              {q.scores === null ? null : (
                <p className="muted">
                  {"Scores: "}
                  <code>{JSON.stringify(q.scores)}</code>
                </p>
              )}
            </div>
          ))}
          {data.questionnaires.toDo.length > 0 ? (
            <div key="todo">
              <h3>Still to do</h3>
              <Table
                head={["Questionnaire", "Stage", "Due", "Status"]}
                rows={data.questionnaires.toDo.map((q) => ({ cells: [q.title, q.stage, when(q.dueAt), q.status] }))}
              />
            </div>
          ) : null}
        </Section>
        <Section id="goals" title="Goals" empty={data.goals.length === 0}>
          {data.goals.map((goal, i) => (
            <div key={i} id={goal.anchor}>
              <Passage text={goal.title} marks={goal} label={`Goal set ${when(goal.setAt)}${goal.closedAt ? `, closed ${when(goal.closedAt)}` : ""}`} />
              {goal.ratings.length === 0 ? null : (
                <Table head={["When", "Score (0–10)", "Rated by"]} rows={goal.ratings.map((r) => ({ cells: [when(r.ratedAt), String(r.score), r.ratedBy] }))} />
              )}
            </div>
          ))}
        </Section>
        <Section id="alerts" title="Alerts" empty={data.alerts.length === 0}>
          <p className="flag">Safeguarding information: decide with a practitioner whether each alert may be disclosed.</p>
          <Table
            head={["Raised", "What", "Questionnaire", "Dealt with"]}
            rows={data.alerts.map((a) => ({
              id: a.anchor,
              className: "flagged",
              cells: [when(a.raisedAt), a.kind, orDash(a.questionnaire), when(a.resolvedAt)],
            }))}
          />
        </Section>
        <Section id="sign-ins" title="Sign-ins" empty={data.signIns.length === 0}>
          <Table
            head={["When", "Device", "How", "Last active", "Locked", "Ended"]}
            rows={data.signIns.map((s) => ({
              cells: [
                when(s.at),
                s.device,
                s.how,
                when(s.lastSeenAt),
                when(s.lockedAt),
                s.endedAt ? `${when(s.endedAt)}${s.endedBecause ? ` (${s.endedBecause})` : ""}` : "—",
              ],
            }))}
          />
        </Section>
        <Section id="access" title="Who looked at or changed your record" empty={data.accessLog.length === 0}>
          <Table
            head={["When", "Who", "What", "Why"]}
            rows={data.accessLog.map((e) => ({
              id: e.anchor,
              className: e.needsReview ? "flagged" : undefined,
              cells: [when(e.at), e.who, e.action, e.reason],
            }))}
          />
        </Section>
      </body>
    </html>
  );
}

/**
 * The readable file: a complete, standalone HTML document. Rendered by React, so every value of
 * the export is escaped as text; nothing is pasted into markup by hand.
 */
export function subjectAccessHtml(exported: SubjectAccessExport): string {
  return `<!DOCTYPE html>\n${renderToStaticMarkup(<ExportDocument data={exported} />)}\n`;
}
