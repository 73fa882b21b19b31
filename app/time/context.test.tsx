/**
 * Components format dates in the zone the layout provides (the service's), the same on the server
 * and in the browser; outside a layout they use the default zone.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TimeZoneProvider, useDates } from "./context";

function When({ at }: { at: string }) {
  const dates = useDates();
  return <span>{dates.dayTime(at)}</span>;
}

describe("useDates", () => {
  const at = "2026-06-14T23:30:00.000Z";

  it("formats in the zone the layout provides", () => {
    expect(
      renderToStaticMarkup(
        <TimeZoneProvider zone="America/New_York">
          <When at={at} />
        </TimeZoneProvider>,
      ),
    ).toBe("<span>14 Jun 2026, 19:30</span>");
  });

  it("formats in the default zone outside a layout", () => {
    expect(renderToStaticMarkup(<When at={at} />)).toBe("<span>15 Jun 2026, 00:30</span>");
  });
});
