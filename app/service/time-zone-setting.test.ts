/**
 * The service's time zone as a setting: checked as an IANA name on save (so a typo or an offset
 * cannot put every calendar day an hour or a day out), and read back as the default when never set.
 */
import { describe, expect, it } from "vitest";
import { createService } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { DEFAULT_TIME_ZONE } from "~/time/zone";
import { loadSettings, settingsSchema } from "./settings.server";

const database = useAppDatabase();

describe("the time zone setting", () => {
  const field = settingsSchema.shape.timeZone;

  it("accepts an IANA zone and refuses an offset, an abbreviation, a line break or nonsense, with the reason", () => {
    expect(field.safeParse("Europe/Dublin")).toMatchObject({ success: true, data: "Europe/Dublin" });
    expect(field.safeParse(undefined)).toMatchObject({ success: true, data: undefined });
    for (const bad of ["", "+01:00", "BST", "Mars/Olympus", `${DEFAULT_TIME_ZONE}\nX`]) {
      const parsed = field.safeParse(bad);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/time zone/);
    }
  });

  it("reads a service that never set one as the default, and one that did as its own", async () => {
    const unset = await createService(database().prisma);
    const dublin = await createService(database().prisma, { timeZone: "Europe/Dublin" });
    expect((await loadSettings(unset.id)).timeZone).toBe(DEFAULT_TIME_ZONE);
    expect((await loadSettings(dublin.id)).timeZone).toBe("Europe/Dublin");
  });
});
