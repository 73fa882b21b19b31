import type { ReactNode } from "react";
import { QuickExit, QuickExitArming, QuickExitSkipLink } from "./quick-exit";

/** The frame of pages seen before or without signing in: a neutral heading and the exit control. */
export function PlainFrame({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <>
      <header className="bar">
        <QuickExitSkipLink />
        <p className="bar__title">{heading}</p>
        <QuickExit />
        <QuickExitArming />
      </header>
      {children}
    </>
  );
}
