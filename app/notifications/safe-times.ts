import { z } from "zod";
import { clockTime, isoWeekday, localDateOf, minuteOfDay, toLocalDateTime } from "~/time/calendar";

/**
 * A person's safe times as data: the days and clock windows, in the service's zone, when a
 * notification may reach them (PRODUCT.md, "No traces"). Stored sealed as JSON beside the free-text
 * note (SafeContactPreference.safeWindowsCipher), since a routine is as revealing in either form.
 * Client-safe: no server imports.
 */

/** One window: ISO weekdays (1 = Monday … 7 = Sunday) and minutes after local midnight, [from, to). */
export type SafeWindow = { days: number[]; from: number; to: number };

export const safeWindowSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: z.number().int().min(0).max(1439),
    to: z.number().int().min(1).max(1440),
  })
  .refine((w) => w.from < w.to, "A safe time ends after it starts");

export const safeWindowsSchema = z.array(safeWindowSchema).max(14);

/** Whether `at` falls inside one of the windows, read on the clock of `zone`. No windows: never. */
export function insideSafeTimes(windows: readonly SafeWindow[], at: Date, zone: string): boolean {
  const weekday = isoWeekday(localDateOf(at, zone));
  const local = toLocalDateTime(at, zone);
  const minute = minuteOfDay(local.slice(11, 16)) ?? -1;
  return windows.some((w) => w.days.includes(weekday) && minute >= w.from && minute < w.to);
}

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** "Mon, Tue 10:00–14:00" for each window, for a worker's page. */
export function describeSafeWindows(windows: readonly SafeWindow[]): string[] {
  return windows.map(
    (w) =>
      `${[...w.days]
        .sort()
        .map((d) => DAY_NAMES[d - 1])
        .join(", ")} ${clockTime(w.from)}–${clockTime(w.to)}`,
  );
}

/** Safe windows read back from their (opened) JSON; anything unreadable is no windows, so nothing is sent. */
export function parseSafeWindows(json: string | null | undefined): SafeWindow[] {
  if (!json) return [];
  try {
    const parsed = safeWindowsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
