/**
 * The service's way in: the one address that shows the sign-in page to someone not signed in
 * (docs/decisions/032-one-way-in.md). Every other address of the portal shows the neutral cover
 * page to them, so Back after quick exit, a reopened tab or a guessed address tells the person
 * holding the phone nothing. One rule for its shape, used by the settings form; the database
 * keeps the same rule as a CHECK constraint (migration `sign_in_path_shape`).
 */
export const DEFAULT_SIGN_IN_PATH = "/sign-in";

/** The first path segments the app's own routes and files use: a way in may not take one. */
export const RESERVED_FIRST_SEGMENTS = [
  "account",
  "appointments",
  "assets",
  "confirm",
  "exit",
  "favicon.ico",
  "favicon.svg",
  "forms",
  "goals",
  "healthz",
  "home",
  "locked",
  "messages",
  "passkeys",
  "privacy-tips",
  "robots.txt",
  "set-up",
  "sign-out",
  "signed-out",
  "staff",
  "start",
  "__manifest",
] as const;

/** Same pattern as the CHECK constraint: one segment of 3 to 40 lower-case letters, digits and hyphens. */
const SHAPE = /^\/[a-z0-9][a-z0-9-]{2,39}$/;

/** Words an address must never carry: history and bookmarks show it (app/safety/neutral-words.test.ts). */
const REVEALING = /abuse|domestic|violen|refuge|perpetrat|victim|survivor|harm|safety|waypoint|dv|idva|escape|shelter/i;

/**
 * Why `value` cannot be the sign-in path, or null when it can. Takes the path as typed (with or
 * without its leading slash, already trimmed and lower-cased by the caller or not); returns a
 * sentence for the settings form.
 */
export function signInPathProblem(value: string): string | null {
  if (!SHAPE.test(value)) return "Use / then 3 to 40 lower-case letters, numbers and hyphens, like /members";
  const first = value.slice(1);
  if ((RESERVED_FIRST_SEGMENTS as readonly string[]).includes(first)) return "This address is already a page of the portal: choose another";
  if (REVEALING.test(first)) return "Choose a word that says nothing about the service: history and bookmarks show it";
  return null;
}

/** The path as it will be stored: leading slash added, spaces trimmed, lower case. */
export function normaliseSignInPath(value: string): string {
  const trimmed = value.trim().toLowerCase();
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
