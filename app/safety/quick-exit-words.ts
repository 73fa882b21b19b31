/**
 * What the Shift×3 shortcut's live region says, in each age band's words (the adult words follow
 * GOV.UK's "Exit this page"). Read by the early quick-exit script (app/safety/quick-exit-early.ts)
 * from the region's data attributes, so a page changed by the client router speaks its own band's
 * words without the script running again.
 */
export type QuickExitVoice = "adult" | "13-17" | "8-12" | "under-8";

export type QuickExitWords = { twoMore: string; oneMore: string; reset: string; leaving: string };

export const QUICK_EXIT_WORDS: Record<QuickExitVoice, QuickExitWords> = {
  adult: {
    twoMore: "Shift, press 2 more times to exit.",
    oneMore: "Shift, press 1 more time to exit.",
    reset: "Exit shortcut reset. Press Shift 3 times to exit.",
    leaving: "Leaving this page.",
  },
  "13-17": {
    twoMore: "Shift, press 2 more times to leave.",
    oneMore: "Shift, press 1 more time to leave.",
    reset: "Leave shortcut stopped. Press Shift 3 times to leave.",
    leaving: "Leaving now.",
  },
  "8-12": {
    twoMore: "Press Shift 2 more times to leave.",
    oneMore: "Press Shift 1 more time to leave.",
    reset: "Stopped. Press Shift 3 times to leave.",
    leaving: "Leaving now.",
  },
  "under-8": {
    twoMore: "Press Shift 2 more times to go.",
    oneMore: "Press Shift 1 more time to go.",
    reset: "Start again. Press Shift 3 times to go.",
    leaving: "Going now.",
  },
};
