import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { loadStaffDashboard } from "~/staff/dashboard.server";
import { personKindLabel, roleLabel, specialismLabel } from "~/staff/labels";
import { pageMeta } from "~/safety/neutral-titles";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  return loadStaffDashboard(viewer);
}

export default function StaffOverview() {
  const data = useLoaderData<typeof loader>();
  return (
    <main className="wide">
      <h1>Overview</h1>
      {data.role === "CASE_MANAGER" ? (
        <section aria-labelledby="families-heading">
          <h2 id="families-heading">Families I hold ({data.families.length})</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Area</th>
                <th scope="col">Referred</th>
                <th scope="col">People open</th>
              </tr>
            </thead>
            <tbody>
              {data.families.map((f) => (
                <tr key={f.id}>
                  <td>{f.reference}</td>
                  <td>{f.area}</td>
                  <td>{f.referralDate}</td>
                  <td>{f.openPeople}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {data.role === "WORKER" || data.role === "CASE_MANAGER" ? (
        <section aria-labelledby="people-heading">
          <h2 id="people-heading">My people ({data.people.length})</h2>
          {data.people.length === 0 ? (
            <p className="muted">No one is allocated to you.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Family</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Open alerts</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.people.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>{p.familyReference}</td>
                    <td>{personKindLabel[p.kind]}</td>
                    <td>{p.openAlerts}</td>
                    <td>
                      <a href={`/staff/people/${p.id}/code`}>
                        Sign-in code<span className="visually-hidden"> for {p.name}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {data.role === "MANAGER" ? (
        <section aria-labelledby="counts-heading">
          <h2 id="counts-heading">The service today</h2>
          <div className="stats">
            <p className="stat">
              <strong>{data.counts.openFamilies}</strong> open families
            </p>
            <p className="stat">
              <strong>{data.counts.closedFamilies}</strong> closed families
            </p>
            <p className="stat">
              <strong>{data.counts.adultSurvivors}</strong> adult survivors
            </p>
            <p className="stat">
              <strong>{data.counts.harmfulBehaviour}</strong> behaviour-change service users
            </p>
            <p className="stat">
              <strong>{data.counts.youngPeople}</strong> young people
            </p>
          </div>
        </section>
      ) : null}
      {data.role === "ADMIN" ? (
        <section aria-labelledby="staff-heading">
          <h2 id="staff-heading">Staff ({data.staff.length})</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Team</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.staff.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>
                    {roleLabel[s.role]}
                    {s.specialism ? ` · ${specialismLabel[s.specialism]}` : ""}
                  </td>
                  <td>{s.team ?? "—"}</td>
                  <td>{s.active ? "Active" : "Deactivated"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Overview · staff");
