import { z } from "zod";

/**
 * The one place Waypoint names a time zone. A service keeps its own zone on its Service row
 * (`Service.timeZone`); this is the default for a new service and for pages drawn with no service
 * behind them (the cover page, a test that builds no service). Every calendar day Waypoint works
 * out (a child's age, a due date, "today", a report's period) is a day in the service's zone.
 */
export const DEFAULT_TIME_ZONE = "Europe/London";

/** IANA names are "Area/Location" (with an optional further part) or "UTC"; offsets such as "+01:00" are not zones. */
const IANA_NAME = /^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/;

/**
 * Whether `name` is an IANA time zone this runtime knows (e.g. "Europe/London", "America/New_York").
 * An offset ("+01:00", "GMT+1") is refused: it has no clock changes, so a service set to one would
 * be an hour out for half the year. Knowledge of zones comes from the runtime's ICU data.
 */
export function isTimeZone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A service's time zone as a form field: an IANA name, with the reason in the message. */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1, "Enter the service's time zone, like Europe/London")
  .refine(isTimeZone, "Enter a time zone by its IANA name, like Europe/London or Europe/Dublin");
