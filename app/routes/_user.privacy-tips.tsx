import { useRouteLoaderData } from "@remix-run/react";
import { NAV_WORDS, voiceOf } from "~/age-bands/band-words";
import { PrivacyTipsAdult, PrivacyTipsYoung, PrivacyTipsYoungest } from "~/components/privacy-tips";
import { serviceUserMeta } from "~/safety/neutral-titles";
import type { loader as layoutLoader } from "./_user";

/**
 * Advice on using this site without leaving traces, inside the person's own frame (navigation,
 * home, sign-out, their age band's words and exit wording). Someone not signed in reads the same
 * advice on the sign-in page; this address shows them the cover page, like every other (decision 032).
 */
export default function PrivacyTips() {
  const layout = useRouteLoaderData<typeof layoutLoader>("routes/_user");
  const voice = voiceOf(layout);
  return (
    <main>
      <h1>{NAV_WORDS[voice].privacy}</h1>
      {voice === "under-8" ? (
        <PrivacyTipsYoungest />
      ) : voice === "8-12" ? (
        <PrivacyTipsYoung />
      ) : (
        <PrivacyTipsAdult exitWord={voice === "adult" ? "Exit" : "Leave now"} />
      )}
      <p>
        <a href="/home">{voice === "adult" || voice === "13-17" ? "Back to the home page" : "Back home"}</a>
      </p>
    </main>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
