import type { ReactNode } from "react";
import { NAV_WORDS, voiceOf } from "~/age-bands/band-words";
import type { FrameData } from "~/safety/frame.server";
import { neutralPresentation } from "~/safety/neutral-titles";
import { TimeZoneProvider } from "~/time/context";
import { QuickExit, QuickExitArming, QuickExitSkipLink } from "./quick-exit";
import { NavList } from "./nav-list";

/**
 * The frame itself, shared by the pages and the error boundary. `layout` is the layout loader's
 * data (app/safety/frame.server.ts); it is missing only when that loader itself failed (the database unreachable), and then
 * the frame still draws the skip link and the Exit control, with the neutral default title.
 */
export function ServiceUserFrame({ layout, children }: { layout: FrameData | undefined; children: ReactNode }) {
  const young = layout?.young ?? false;
  const words = NAV_WORDS[voiceOf(layout)];
  return (
    <div className={young ? "young" : undefined} data-idle-lock-minutes={layout?.idleLockMinutes}>
      <header className="bar">
        <QuickExitSkipLink />
        <p className="bar__title">{layout?.pageTitle ?? neutralPresentation(undefined).title}</p>
        <QuickExit wording={young ? "young" : "adult"} />
        <QuickExitArming voice={voiceOf(layout)} />
      </header>
      {layout ? (
        <nav aria-label="Main">
          <NavList
            links={[
              { href: "/home", label: words.home },
              { href: "/appointments", label: words.appointments },
              { href: "/messages", label: words.messages },
              { href: "/account", label: words.signIns },
              { href: "/privacy-tips", label: words.privacy },
            ]}
          />
        </nav>
      ) : null}
      {layout ? <TimeZoneProvider zone={layout.timeZone}>{children}</TimeZoneProvider> : children}
    </div>
  );
}
