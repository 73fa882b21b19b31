import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { summariseSubjectAccess } from "~/casework/subject-access/export.server";
import { pageMeta } from "~/safety/neutral-titles";
import { BackToOverview } from "~/components/back-to-record";

/**
 * A subject access export for one person, for their allocated worker or the case manager holding
 * their family (anyone else: 404): a page saying what the export holds and how much must be read
 * before it is given to anyone. The files themselves come from the resource route beside it
 * (staff.people.$personId_.export_.$format.ts), since a page's loader cannot answer with a file.
 */
const noStore = { "Cache-Control": "no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const personId = params.personId ?? "";
  return { ...(await summariseSubjectAccess(viewer, personId)), personId };
}

export default function SubjectAccessExport() {
  const { name, reviewCount, counts, leftOut, personId } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>Subject access: everything held about {name}</h1>
      <div className="card">
        <p>
          The export holds {name}&apos;s own record and nothing from anyone else&apos;s: their details, safe-contact preferences, workers, risk assessments,
          case notes, appointments, messages, questionnaire answers (in the words they saw), goals, alerts, sign-ins and the log of who looked at their record.
        </p>
        <table>
          <caption>What it holds</caption>
          <tbody>
            {counts.map((c) => (
              <tr key={c.label}>
                <th scope="row">{c.label}</th>
                <td>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Left out</h2>
        <ul>
          {leftOut.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <div className="card notice">
        <h2>Read before giving it to anyone</h2>
        <p>
          {reviewCount === 1 ? "1 passage needs" : `${reviewCount} passages need`} reading first: free text that mentions a family member&apos;s name or a
          relationship word, safety alerts, and records made because of someone else. The file lists them at the top and marks each one. Redact what would
          identify someone else or put anyone at risk, then remove the list and the marks. Someone can also be identified from context, so read all free text.
        </p>
      </div>
      <p className="actions">
        <a className="button" href={`/staff/people/${personId}/export/html`} download>
          Download the readable file (HTML)
        </a>{" "}
        <a className="button" href={`/staff/people/${personId}/export/json`} download>
          Download the data file (JSON)
        </a>
      </p>
      <p>Each download is recorded in the audit log. Keep the files only on the service&apos;s own storage.</p>
      <BackToOverview />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Subject access · staff");

export const headers: HeadersFunction = () => noStore;

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
