/**
 * The neutral pages the site root can wear. Each is ordinary local content with one quiet link
 * (its own wording) to sign-in; none says anything about the service. A service picks one in
 * its settings, so two services' portals do not look alike.
 */
export type CoverTheme = {
  name: string;
  title: string;
  tagline: string;
  tableTitle: string;
  table: readonly (readonly [string, string])[];
  listTitle: string;
  list: readonly string[];
  /** The footer's words around the link, and the link's own words. */
  footer: readonly [before: string, link: string];
};

export const COVER_THEMES = {
  "community-centre": {
    name: "Community centre",
    title: "Riverside Community Centre",
    tagline: "Rooms to hire, classes and a café, run by local volunteers since 1987.",
    tableTitle: "Opening times",
    table: [
      ["Monday", "9:00 – 17:00"],
      ["Tuesday", "9:00 – 17:00"],
      ["Wednesday", "9:00 – 20:00"],
      ["Thursday", "9:00 – 17:00"],
      ["Friday", "9:00 – 16:00"],
      ["Saturday", "10:00 – 13:00"],
      ["Sunday", "Closed"],
    ],
    listTitle: "This week",
    list: ["Monday: chair yoga, 10:30", "Wednesday: homework club, 16:00", "Saturday: repair café, 10:00"],
    footer: ["Hall bookings and", "members"],
  },
  allotments: {
    name: "Allotment society",
    title: "Millbrook Allotment Society",
    tagline: "Forty plots by the old railway line, a seed swap and a shed full of borrowed tools.",
    tableTitle: "Gates open",
    table: [
      ["Weekdays", "8:00 – dusk"],
      ["Saturday", "7:30 – dusk"],
      ["Sunday", "9:00 – 16:00"],
    ],
    listTitle: "Coming up",
    list: ["Seed swap in the hut, first Saturday of the month", "Compost delivery, Thursday", "Waiting list reviewed in March"],
    footer: ["Plot holders:", "member area"],
  },
} as const satisfies Record<string, CoverTheme>;

export type CoverThemeKey = keyof typeof COVER_THEMES;

export function isCoverTheme(value: string): value is CoverThemeKey {
  return Object.hasOwn(COVER_THEMES, value);
}

export function coverTheme(key: string | null | undefined): CoverTheme {
  return key && isCoverTheme(key) ? COVER_THEMES[key] : COVER_THEMES["community-centre"];
}
