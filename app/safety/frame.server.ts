import type { PersonViewer } from "~/auth/session.server";
import { bandOf, type AgeBand } from "~/age-bands/age-band";
import { neutralPresentation } from "~/safety/neutral-titles";

/** What the service user's frame draws from (app/components/service-user-frame.tsx), made by `frameOf`. */
export type FrameData = { pageTitle: string; firstName: string; young: boolean; band: AgeBand | null; timeZone: string; idleLockMinutes: number };

/**
 * What the service user's frame shows of the signed-in person: their chosen neutral title, first
 * name, whether they are a young person and their age band (for the band's words), their service's
 * time zone and idle lock. Taken from the session's person; reads nothing more.
 */
export function frameOf(person: PersonViewer["person"]): FrameData {
  return {
    pageTitle: neutralPresentation(person.pageTitle).title,
    firstName: person.firstName,
    young: person.kind === "YOUNG_PERSON",
    band: bandOf(person, new Date(), person.timeZone),
    timeZone: person.timeZone,
    idleLockMinutes: person.idleLockMinutes,
  };
}
