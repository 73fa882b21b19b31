import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { PlainFrame } from "~/components/plain-frame";
import appStyles from "~/styles/app.css?url";
import { pageMeta } from "~/safety/neutral-titles";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

/** Advice on using this site without leaving traces, readable with or without signing in. */
export default function PrivacyTips() {
  return (
    <PlainFrame heading="Help">
      <main>
        <h1>Privacy tips</h1>
        <p>
          Someone who uses the same phone or computer as you may be able to see which sites you visited. These steps
          make that harder. You know your situation best: if clearing your history would itself look unusual, it may be
          safer not to.
        </p>
        <section className="card">
          <h2>Use a private window</h2>
          <p>
            A private (incognito) window does not keep history, cookies or things you typed once you close it. On most
            phones: open the browser menu and choose &ldquo;New private tab&rdquo; or &ldquo;New incognito tab&rdquo;.
          </p>
        </section>
        <section className="card">
          <h2>Your browsing history</h2>
          <p>
            Leaving with the Exit button signs you out and clears what this site stored, but it cannot remove this site
            from your history. To remove it, open your browser&apos;s history and delete only the entries for this site,
            rather than all of it.
          </p>
        </section>
        <section className="card">
          <h2>Shared phones and computers</h2>
          <ul>
            <li>Always sign out, or press Exit, when you finish.</li>
            <li>Do not let the browser save your PIN or offer to remember it.</li>
            <li>If this site locks because you were away, nothing of it stays on the screen.</li>
            <li>We never send texts, e-mails or notifications that show what this site is about.</li>
          </ul>
        </section>
        <section className="card">
          <h2>If you think someone else has signed in</h2>
          <p>Tell your worker. They can end every session and give you a new code to sign in with.</p>
        </section>
      </main>
    </PlainFrame>
  );
}

export const meta: MetaFunction = () => pageMeta("Help");
