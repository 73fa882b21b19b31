import type { AgeBand } from "./age-band";

/**
 * Whose words a page of the service user's frame speaks: an adult's, or one of the young people's
 * age bands (a young person whose age is not known gets the eldest band's). One table, so every
 * page of a band says the same thing the same way (issue 13: a six-year-old was offered "Signing
 * in" and "Staying private").
 */
export type Voice = "adult" | AgeBand;

export function voiceOf(layout: { young: boolean; band: AgeBand | null } | undefined): Voice {
  if (!layout?.young) return "adult";
  return layout.band ?? "13-17";
}

/** The frame's navigation, and the headings of the pages it leads to. */
export const NAV_WORDS: Record<Voice, { home: string; appointments: string; messages: string; signIns: string; privacy: string; signOut: string }> = {
  adult: { home: "Home", appointments: "Appointments", messages: "Messages", signIns: "Your sign-ins", privacy: "Privacy tips", signOut: "Sign out" },
  "13-17": { home: "Home", appointments: "Appointments", messages: "Messages", signIns: "Your sign-ins", privacy: "Privacy tips", signOut: "Sign out" },
  "8-12": {
    home: "Home",
    appointments: "When we meet",
    messages: "Messages",
    signIns: "When you signed in",
    privacy: "Keeping it private",
    signOut: "Sign out",
  },
  "under-8": { home: "Home", appointments: "When we meet", messages: "Messages", signIns: "Times you came in", privacy: "Tips", signOut: "Sign out" },
};
