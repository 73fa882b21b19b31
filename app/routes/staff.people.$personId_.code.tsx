import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { issueEnrolmentCode } from "~/auth/enrolment.server";
import { findPersonForStaff, requirePersonForStaff } from "~/auth/policy.server";
import { requireStaff } from "~/auth/session.server";
import { requireRecentProof } from "~/auth/step-up.server";
import { pageMeta } from "~/safety/neutral-titles";
import { useDates } from "~/time/context";
import { BackToOverview } from "~/components/back-to-record";

/**
 * A worker issues a sign-in code for a person they work with: shown once, to hand over in person
 * or read out on the phone. Issuing a new code ends the person's sessions (a lost device).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const person = await requirePersonForStaff(viewer, params.personId ?? "", { action: "person.view-code-page", reasonCode: "account" });
  return { name: `${person.firstName} ${person.lastName}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  // Someone else's record: 404 first. A code is a way into the person's account, so it is issued
  // only after "Confirm it's you", which comes back to this page; then the look is audited.
  await findPersonForStaff(viewer, params.personId ?? "");
  await requireRecentProof(request, viewer);
  const person = await requirePersonForStaff(viewer, params.personId ?? "", { action: "person.issue-code", reasonCode: "account" });
  const { code, expiresAt } = await issueEnrolmentCode({ personId: person.id }, { issuedById: viewer.staff.id });
  return Response.json({ code, expiresAt: expiresAt.toISOString() });
}

export default function IssueCode() {
  const { name } = useLoaderData<typeof loader>();
  const issued = useActionData<{ code: string; expiresAt: string }>();
  const dates = useDates();
  return (
    <main>
      <h1>Sign-in code for {name}</h1>
      {issued ? (
        <div className="card notice">
          <p>Give {name} this code, in person or by phone after checking their code word:</p>
          <p className="sign-in-name" aria-label={`Code ${issued.code.split("").join(" ")}`}>
            {issued.code}
          </p>
          <p>It works once, until {dates.numericDayTime(issued.expiresAt)}. It will not be shown again.</p>
        </div>
      ) : (
        <Form method="post" className="card">
          <p>
            A new code lets {name} set up a passkey or PIN. Any code given before stops working, every device they are signed in on is signed out, and their
            current passkeys and PIN stop working.
          </p>
          <button type="submit">Issue a new code</button>
        </Form>
      )}
      <BackToOverview />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Sign-in code · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
