import { ageOn } from "~/time/calendar";

/**
 * Young people see wording made for their age. The band is derived from the date of birth on the
 * day it is needed, never stored, so a birthday moves a child to the next view on its own. The day
 * is the service's calendar day (app/time): a child turns eight at midnight where she lives, not at
 * midnight in Greenwich. Bands follow the service's practice: under 8, 8–12, 13–17.
 */
export const AGE_BANDS = ["under-8", "8-12", "13-17"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export { ageOn };

/**
 * The band for a young person on the local day of `on` in the service's `zone`; 18 and over (a case
 * that outlived childhood) uses the oldest view. `dateOfBirth` is the `@db.Date` calendar day.
 */
export function ageBand(dateOfBirth: Date, on: Date, zone: string): AgeBand {
  const age = ageOn(dateOfBirth, on, zone);
  if (age < 8) return "under-8";
  if (age <= 12) return "8-12";
  return "13-17";
}

/**
 * The band a person's questionnaires are worded for: a young person's by their age on the local day
 * of `on` in the service's `zone`; adults have none.
 */
export function bandOf(person: { kind: string; dateOfBirth: Date | null }, on: Date, zone: string): AgeBand | null {
  return person.kind === "YOUNG_PERSON" && person.dateOfBirth ? ageBand(person.dateOfBirth, on, zone) : null;
}

/** The band kept with a response (the words it was answered in), read back from its text column. */
export function storedAgeBand(value: string | null): AgeBand | null {
  return AGE_BANDS.find((band) => band === value) ?? null;
}
