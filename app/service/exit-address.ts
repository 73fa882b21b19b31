/**
 * The neutral site quick exit sends people to: one rule, used when a manager saves the address
 * (the settings form) and again when `/exit` reads it back, so an address that is unusable for
 * any reason (saved before this rule, edited in the database) can never stop someone leaving.
 *
 * Why the rule is stricter than `URL.canParse`: the URL parser silently drops tabs and line
 * breaks (https://url.spec.whatwg.org/#concept-basic-url-parser, "remove all ASCII tab or
 * newline"), so "https://a.example/\nx" parses, is saved, and then cannot be put in a
 * `Location` header: `new Headers({ Location })` throws a TypeError and the exit answered 500.
 */

/** Where quick exit goes when there is no usable address (no service yet, or a bad one stored). */
export const FALLBACK_EXIT_URL = "https://www.bbc.co.uk/weather";

export const EXIT_ADDRESS_MAX_LENGTH = 300;

/**
 * Why `value` cannot be the exit address, as a sentence for the settings form, or null when it is
 * usable. `portalOrigin` is the portal's own origin (WAYPOINT_ORIGIN): leaving must leave.
 * Accepts only visible ASCII (no spaces, line breaks or other control characters), an https URL
 * with a host name that has a dot (a real public site, not `localhost` or a bare word), no user
 * name or password, at most EXIT_ADDRESS_MAX_LENGTH characters.
 */
export function exitAddressProblem(value: string, portalOrigin: string): string | null {
  if (value.length === 0) return "Enter a full web address, like https://www.bbc.co.uk/weather";
  if (value.length > EXIT_ADDRESS_MAX_LENGTH) return "Use a shorter address";
  // Visible ASCII only: a space, line break or non-ASCII character cannot go in a header as typed.
  if (!/^[\x21-\x7e]+$/.test(value)) return "The address cannot contain spaces, line breaks or special characters";
  if (!URL.canParse(value)) return "Enter a full web address, like https://www.bbc.co.uk/weather";
  const url = new URL(value);
  if (url.protocol !== "https:") return "Use an https:// address";
  if (url.username || url.password) return "The address cannot hold a user name or password";
  if (!url.hostname.includes(".") || url.hostname.endsWith(".")) return "Enter the address of a public web site";
  if (url.origin === portalOrigin.replace(/\/$/, "")) return "Quick exit must go to another site";
  return null;
}

/**
 * The address `/exit` may send someone to: the stored one when it passes `exitAddressProblem`
 * (normalised by the URL parser), otherwise FALLBACK_EXIT_URL. Never throws.
 */
export function usableExitAddress(stored: string | null | undefined, portalOrigin: string): string {
  if (typeof stored !== "string" || exitAddressProblem(stored, portalOrigin) !== null) return FALLBACK_EXIT_URL;
  const href = new URL(stored).href;
  // The parser's output is ASCII too (it percent-encodes), but check the one thing that matters here.
  return /^[\x21-\x7e]+$/.test(href) ? href : FALLBACK_EXIT_URL;
}
