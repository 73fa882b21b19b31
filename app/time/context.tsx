import { createContext, useContext, useMemo, type ReactNode } from "react";
import { datesIn, type Dates } from "./format";
import { DEFAULT_TIME_ZONE } from "./zone";

/**
 * The service's time zone for components. The signed-in layouts (`_user.tsx`, `staff.tsx`) read it
 * from the viewer (the session query joins the Service row) and provide it here, so the server and
 * the browser format every date alike and hydration matches. Outside a layout (the cover page, an
 * error page) the default zone applies.
 */
const TimeZoneContext = createContext<string>(DEFAULT_TIME_ZONE);

export function TimeZoneProvider({ zone, children }: { zone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}

/** The service's IANA time zone. */
export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}

/** Date formatters bound to the service's time zone. */
export function useDates(): Dates {
  const zone = useTimeZone();
  return useMemo(() => datesIn(zone), [zone]);
}
