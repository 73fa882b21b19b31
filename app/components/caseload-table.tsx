import { SHOWS, type CaseloadQuery } from "~/casework/caseload-query";
import type { shapeCaseload } from "~/casework/caseload.server";
import type { PersonKind } from "~/generated/prisma/enums";
import { personKindLabel, riskLevelLabel } from "~/staff/labels";
import { useDates } from "~/time/context";
import { formatCalendarDay } from "~/time/format";

/**
 * A caseload: what needs attention first, sortable and filterable through plain links (so it
 * works with JavaScript off and a view can be kept as a bookmark on a staff device).
 */
type Caseload = ReturnType<typeof shapeCaseload>;

const KINDS: readonly PersonKind[] = ["ADULT_SURVIVOR", "HARMFUL_BEHAVIOUR", "YOUNG_PERSON"];
const SHOW_WORDS: Record<CaseloadQuery["show"], string> = {
  all: "Everyone",
  attention: "Needs attention",
  alerts: "Safety alerts",
  overdue: "Overdue questionnaires",
  unread: "Unread messages",
  review: "Risk review due",
  closing: "Closing",
};

function href(query: Caseload["query"], change: Partial<Caseload["query"]>) {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.sort !== "attention") params.set("sort", next.sort);
  if (next.show !== "all") params.set("show", next.show);
  if (next.kind) params.set("kind", next.kind);
  const search = params.toString();
  return search ? `?${search}` : "?";
}

function SortHeader({ query, sort, children }: { query: Caseload["query"]; sort: CaseloadQuery["sort"]; children: string }) {
  const active = query.sort === sort;
  return (
    <th scope="col" aria-sort={active ? (sort === "contact" ? "descending" : "ascending") : undefined}>
      <a href={href(query, { sort })}>
        {children}
        {active ? <span aria-hidden="true"> ▾</span> : null}
      </a>
    </th>
  );
}

export function CaseloadTable({ caseload }: { caseload: Caseload }) {
  const dates = useDates();
  const { rows, counts, query } = caseload;
  return (
    <>
      <nav aria-label="Show" className="filters">
        <ul className="filters__list">
          {SHOWS.map((show) => (
            <li key={show}>
              <a href={href(query, { show })} aria-current={query.show === show ? "true" : undefined}>
                {SHOW_WORDS[show]} ({counts[show]})
              </a>
            </li>
          ))}
        </ul>
        <ul className="filters__list">
          <li>
            <a href={href(query, { kind: undefined })} aria-current={!query.kind ? "true" : undefined}>
              All kinds
            </a>
          </li>
          {KINDS.map((kind) => (
            <li key={kind}>
              <a href={href(query, { kind })} aria-current={query.kind === kind ? "true" : undefined}>
                {personKindLabel[kind]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p className="muted">{counts.all === 0 ? "No one yet." : "No one matches this view."}</p>
      ) : (
        <div className="table-scroll">
          <table className="caseload">
            <thead>
              <tr>
                <SortHeader query={query} sort="name">
                  Name
                </SortHeader>
                <SortHeader query={query} sort="attention">
                  Needs attention
                </SortHeader>
                <SortHeader query={query} sort="next">
                  Next appointment
                </SortHeader>
                <SortHeader query={query} sort="contact">
                  Last contact
                </SortHeader>
                <SortHeader query={query} sort="review">
                  Risk and review
                </SortHeader>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.id}
                  className={r.needs.some((n) => n.key === "alert" || n.key === "not-me" || n.key === "new-sign-in") ? "caseload__row--alert" : undefined}
                >
                  <td>
                    <a href={`/staff/people/${r.id}`}>{r.name}</a>
                    <div className="muted small">
                      {personKindLabel[r.kind]}
                      {r.band ? ` (${r.band})` : ""} · {r.familyReference}
                      {r.closedOn ? ` · closed ${formatCalendarDay(r.closedOn)}` : ""}
                    </div>
                  </td>
                  <td>
                    {r.needs.length === 0 ? (
                      <span className="muted">Nothing</span>
                    ) : (
                      <ul className="needs">
                        {r.needs.map((n) => (
                          <li key={n.key} className={`need need--${n.key}`}>
                            {n.words}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{r.nextAppointment ? dates.dayTime(r.nextAppointment) : <span className="muted">None booked</span>}</td>
                  <td>
                    {r.daysSinceContact === null ? (
                      <span className="muted">No contact yet</span>
                    ) : r.daysSinceContact === 0 ? (
                      "Today"
                    ) : (
                      `${r.daysSinceContact} days ago`
                    )}
                  </td>
                  <td>
                    {r.risk ? (
                      <>
                        {riskLevelLabel[r.risk.level]}
                        <div className={r.risk.reviewOverdue ? "need need--review small" : "muted small"}>
                          {r.risk.reviewDueAt ? `Review ${r.risk.reviewOverdue ? "was due" : "due"} ${formatCalendarDay(r.risk.reviewDueAt)}` : "No review set"}
                        </div>
                      </>
                    ) : (
                      <span className="muted">Not assessed</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
