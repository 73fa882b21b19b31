import { createElement as h, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Employment, Gender } from "~/generated/prisma/enums";
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
