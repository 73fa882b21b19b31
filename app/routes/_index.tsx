import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { currentService } from "~/service/service.server";
import coverStyles from "~/styles/cover.css?url";
import { coverTheme } from "~/service/cover-themes";
import { pageMeta } from "~/safety/neutral-titles";

/**
 * The site root is a cover page: ordinary local content with nothing that reveals the portal,
 * served without any script. The way in is a quiet link to the service's sign-in path.
 */
export const handle = { scripts: false };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coverStyles }];

export async function loader(_args: LoaderFunctionArgs) {
  const service = await currentService();
  const theme = coverTheme(service?.coverTheme);
  return { signInPath: service?.signInPath ?? "/sign-in", theme };
}

export default function Cover() {
  const { signInPath, theme } = useLoaderData<typeof loader>();
  return (
    <main className="cover">
      <h1>{theme.title}</h1>
      <p>{theme.tagline}</p>
      <h2>{theme.tableTitle}</h2>
      <table>
        <tbody>
          {theme.table.map(([day, hours]) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              <td>{hours}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{theme.listTitle}</h2>
      <ul>
        {theme.list.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <footer>
        <p>
          {theme.footer[0]} <a href={signInPath}>{theme.footer[1]}</a>
        </p>
      </footer>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data?.theme.title ?? "Riverside Community Centre");
