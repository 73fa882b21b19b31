/**
 * Advice on using this site without leaving traces: the adult words (adults and 13–17s read them
 * on the privacy tips page, and anyone on the sign-in page; a young person's exit control says
 * "Leave now"), and simpler words for 8–12s and under-8s. Headings start at level 2: the page around them has its own h1.
 */
export function PrivacyTipsAdult({ exitWord = "Exit" }: { exitWord?: "Exit" | "Leave now" }) {
  return (
    <>
      <p>
        Someone who uses the same phone or computer as you may be able to see which sites you visited. These steps make that harder. You know your situation
        best: if clearing your history would itself look unusual, it may be safer not to.
      </p>
      <section className="card">
        <h2>Use a private window</h2>
        <p>
          A private (incognito) window does not keep history, cookies or things you typed once you close it. On most phones: open the browser menu and choose
          &ldquo;New private tab&rdquo; or &ldquo;New incognito tab&rdquo;.
        </p>
      </section>
      <section className="card">
        <h2>Your browsing history</h2>
        <p>
          Leaving with the {exitWord} button signs you out and clears what this site stored, but it cannot remove this site from your history. To remove it,
          open your browser&apos;s history and delete only the entries for this site, rather than all of it.
        </p>
      </section>
      <section className="card">
        <h2>Shared phones and computers</h2>
        <ul>
          <li>Always sign out, or press {exitWord}, when you finish.</li>
          <li>Do not let the browser save your PIN or offer to remember it.</li>
          <li>If this site locks because you were away, nothing of it stays on the screen.</li>
          <li>We never send texts, e-mails or notifications that show what this site is about.</li>
        </ul>
      </section>
      <section className="card">
        <h2>If you think someone else has signed in</h2>
        <p>Tell your worker. They can end every session and give you a new code to sign in with.</p>
      </section>
    </>
  );
}

/** For 8–12s: the same advice, shorter, in their words ("Leave now", not "Exit"). */
export function PrivacyTipsYoung() {
  return (
    <>
      <p>If someone else uses this phone or computer, they might see that you came here. These tips help.</p>
      <section className="card">
        <h2>Leaving fast</h2>
        <p>Press Leave now at the top, or press the Shift key 3 times. This page goes away straight away.</p>
      </section>
      <section className="card">
        <h2>When you finish</h2>
        <ul>
          <li>Press Sign out or Leave now.</li>
          <li>Do not let the phone remember your PIN.</li>
          <li>If you are not sure, ask your worker to help you.</li>
        </ul>
      </section>
      <section className="card">
        <h2>If you think someone else used your sign-in</h2>
        <p>Tell your worker. They can give you a new code.</p>
      </section>
    </>
  );
}

/** For under-8s: three short things, with a grown-up who helps them. */
export function PrivacyTipsYoungest() {
  return (
    <>
      <section className="card">
        <h2>Want to stop?</h2>
        <p>Press Leave now at the top. Everything goes away.</p>
      </section>
      <section className="card">
        <h2>All done?</h2>
        <p>Press Sign out.</p>
      </section>
      <section className="card">
        <h2>Not sure?</h2>
        <p>Ask the grown-up who helps you, or your worker.</p>
      </section>
    </>
  );
}
