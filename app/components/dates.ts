/** Dates as people in the UK read them, in UK time whatever the server's zone. */
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" });
const dayTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
const longDayTime = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit", timeZone: "Europe/London" });
const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

export function formatDay(value: string | Date | null | undefined): string {
  return value ? day.format(new Date(value)) : "—";
}

export function formatDayTime(value: string | Date | null | undefined): string {
  return value ? dayTime.format(new Date(value)) : "—";
}

export function formatLongDayTime(value: string | Date): string {
  return longDayTime.format(new Date(value));
}

export function formatTime(value: string | Date): string {
  return time.format(new Date(value));
}
