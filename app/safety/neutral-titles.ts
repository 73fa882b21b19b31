/**
 * The browser-tab titles and icons a service user's pages may carry, chosen per person. Each pair
 * looks like an ordinary app's, so a glance at the tab strip or the history says nothing.
 */
export const NEUTRAL_TITLES = {
  Appointments: "/icons/calendar.svg",
  Calendar: "/icons/calendar.svg",
  Notes: "/icons/notes.svg",
  Reminders: "/icons/bell.svg",
  Home: "/icons/house.svg",
} as const;

export type NeutralTitle = keyof typeof NEUTRAL_TITLES;

export function isNeutralTitle(value: string): value is NeutralTitle {
  return Object.hasOwn(NEUTRAL_TITLES, value);
}

/** The title and icon for a person's pages; an unknown stored value falls back to the first. */
export function neutralPresentation(pageTitle: string | undefined) {
  const title: NeutralTitle = pageTitle && isNeutralTitle(pageTitle) ? pageTitle : "Appointments";
  return { title, icon: NEUTRAL_TITLES[title] };
}

/**
 * Meta descriptors for a page: its title and an icon. Remix replaces (not merges) a parent's
 * meta, so every page names its icon itself and the browser never falls back to /favicon.ico.
 */
export function pageMeta(title: string, icon = "/favicon.svg") {
  return [{ title }, { tagName: "link", rel: "icon", href: icon, type: "image/svg+xml" }];
}

/** A service user's page: the title and icon chosen for that person, nothing else. */
export function neutralMeta(pageTitle: string | undefined) {
  const { title, icon } = neutralPresentation(pageTitle);
  return pageMeta(title, icon);
}

/**
 * The `meta` of every page inside the service user's frame (`export const meta = serviceUserMeta`):
 * the neutral title the person chose, read from the frame's loader data (route "routes/_user",
 * whose `pageTitle` is a string or null). A page whose frame has no data (an error) gets the
 * default neutral title.
 */
export function serviceUserMeta({ matches }: { matches: readonly { id: string; data?: unknown }[] }) {
  const frame = matches.find((m) => m.id === "routes/_user")?.data;
  const pageTitle = typeof frame === "object" && frame !== null && "pageTitle" in frame && typeof frame.pageTitle === "string" ? frame.pageTitle : undefined;
  return neutralMeta(pageTitle);
}
