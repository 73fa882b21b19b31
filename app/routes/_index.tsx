import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { currentService } from "~/service/service.server";
import coverStyles from "~/styles/cover.css?url";
import { pageMeta } from "~/safety/neutral-titles";

/**
 * The site root is a cover page: ordinary local content with nothing that reveals the portal,
 * served without any script. The way in is a quiet link to the service's sign-in path.
 */
export const handle = { scripts: false };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coverStyles }];

export async function loader(_args: LoaderFunctionArgs) {
  const service = await currentService();
  return { signInPath: service?.signInPath ?? "/sign-in" };
}

const openingTimes = [
  ["Monday", "9:00 – 17:00"],
  ["Tuesday", "9:00 – 17:00"],
  ["Wednesday", "9:00 – 20:00"],
  ["Thursday", "9:00 – 17:00"],
  ["Friday", "9:00 – 16:00"],
  ["Saturday", "10:00 – 13:00"],
  ["Sunday", "Closed"],
] as const;

export default function Cover() {
  const { signInPath } = useLoaderData<typeof loader>();
  return (
    <main className="cover">
      <h1>Riverside Community Centre</h1>
      <p>Rooms to hire, classes and a café, run by local volunteers since 1987.</p>
      <h2>Opening times</h2>
      <table>
        <tbody>
          {openingTimes.map(([day, hours]) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              <td>{hours}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>This week</h2>
      <ul>
        <li>Monday: chair yoga, 10:30</li>
        <li>Wednesday: homework club, 16:00</li>
        <li>Saturday: repair café, 10:00</li>
      </ul>
      <footer>
        <p>
          Hall bookings and <a href={signInPath}>members</a>
        </p>
      </footer>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Riverside Community Centre");
