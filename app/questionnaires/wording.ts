import type { AgeBand } from "~/age-bands/age-band";
import type { z } from "zod";
import type { wordingSchema } from "./definition-schema";

export type Wording = z.output<typeof wordingSchema>;

/**
 * The words for one reader: a young person's age band picks its own variant when the definition
 * has one; everyone else (and a band without a variant) gets the default.
 */
export function wordingFor(wording: Wording, band: AgeBand | null | undefined): string {
  if (typeof wording === "string") return wording;
  return (band ? wording[band] : undefined) ?? wording.default;
}
