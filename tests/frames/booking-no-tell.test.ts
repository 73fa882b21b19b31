/**
 * The family rule tells no one (decision 034): once a survivor holds a session, the colliding
 * sessions are simply absent from the other adult's page, and that page is otherwise byte-identical
 * to what it was (status, HTML and the loader's data). Whole documents come from Remix's request
 * handler over the app's own server build (as tests/frames/error-pages.test.ts does), with real
 * sessions on a fresh database.
 */
import { expect, it } from "vitest";
import { handleNewSession, requirePerson } from "../../app/auth/session.server";
import { bookOwn, loadOffered } from "../../app/booking/booking.server";
import { dateColumn, todayIn } from "../../app/time/calendar";
import { DEFAULT_TIME_ZONE } from "../../app/time/zone";
import { allocate, createArea, createFamily, createPerson, createService, createStaff } from "../fixtures/factory";
import { useAppDatabase } from "../support/app-database";
import { useDocuments, withoutScripts } from "../support/documents";

const database = useAppDatabase();

const documents = useDocuments();

/** The page as a phone gets it. */
async function page(cookie: string) {
  return documents("/appointments/new", cookie);
}

/** The HTML less the free times (each an <li> linking to one), the per-request nonce and the scripts (their data is compared through the loader). */
function withoutSlots(html: string) {
  return withoutScripts(html.replace(/<li><a href="\/appointments\/new\?time=[^"]*">[\s\S]*?<\/a><\/li>/g, ""));
}

it("keeps the other adult's page the same apart from the sessions that would break the rule", async () => {
  const prisma = database().prisma;
  const service = await createService(prisma, { name: "Riverside", bookingHorizonDays: 7 });
  const area = await createArea(prisma, { serviceId: service.id });
  const venue = await prisma.venue.create({ data: { serviceId: service.id, publicName: "Library, room 2" } });
  const advocate = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  const behaviour = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "BEHAVIOUR_CHANGE_WORKER" });
  // Both offer every day 09:00–13:00 at the same venue; so every day's sessions collide.
  for (const staffId of [advocate.id, behaviour.id]) {
    await prisma.availabilityRule.createMany({
      data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        staffId,
        weekday,
        startMinute: 540,
        endMinute: 780,
        sessionMinutes: 60,
        mode: "IN_PERSON" as const,
        venueId: venue.id,
        validFrom: dateColumn(todayIn(DEFAULT_TIME_ZONE)),
      })),
    });
  }
  // And the behaviour-change worker every afternoon, 14:00–16:00, elsewhere: the day stays on the page.
  const hall = await prisma.venue.create({ data: { serviceId: service.id, publicName: "Community hall" } });
  await prisma.availabilityRule.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      staffId: behaviour.id,
      weekday,
      startMinute: 840,
      endMinute: 960,
      sessionMinutes: 60,
      mode: "IN_PERSON" as const,
      venueId: hall.id,
      validFrom: dateColumn(todayIn(DEFAULT_TIME_ZONE)),
    })),
  });
  const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id });
  const survivor = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", safetyIntroSeenAt: new Date() });
  const harmful = await createPerson(prisma, { family, kind: "HARMFUL_BEHAVIOUR", safetyIntroSeenAt: new Date() });
  await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
  await allocate(prisma, { personId: harmful.id, staffId: behaviour.id });
  const cookieOf = async (personId: string) =>
    (await handleNewSession(new Request("http://localhost/"), { personId }, "pin", { proven: true })).split(";")[0] ?? "";
  const harmfulCookie = await cookieOf(harmful.id);
  const request = () => new Request("http://localhost/appointments/new", { headers: { Cookie: harmfulCookie } });

  const before = await page(harmfulCookie);
  const dataBefore = await loadOffered(await requirePerson(request()));

  // The survivor books the session two days ahead at 10:00, from her own session.
  const survivorViewer = await requirePerson(new Request("http://localhost/", { headers: { Cookie: await cookieOf(survivor.id) } }));
  const hers = (await loadOffered(survivorViewer)).days[2]?.sessions[1];
  if (!hers) throw new Error("no session to book");
  expect((await bookOwn(survivorViewer, hers.key)).ok).toBe(true);

  const after = await page(harmfulCookie);
  const dataAfter = await loadOffered(await requirePerson(request()));

  // Sessions went: those at the venue within two hours of hers (09:00–12:00 that day, up to 13:00).
  const keys = (d: typeof dataBefore) => d.days.flatMap((day) => day.sessions.map((s) => s.key));
  const gone = keys(dataBefore).filter((k) => !keys(dataAfter).includes(k));
  expect(gone).toHaveLength(4);
  // The loader's data is what it was, less exactly those sessions.
  expect(dataAfter).toEqual({
    ...dataBefore,
    days: dataBefore.days.map((d) => ({ ...d, sessions: d.sessions.filter((s) => !gone.includes(s.key)) })).filter((d) => d.sessions.length > 0),
  });
  // The page: same status, and the same bytes once the free times are taken out.
  expect(after.status).toBe(200);
  expect(after.status).toBe(before.status);
  expect(before.html.length).toBeGreaterThan(after.html.length);
  expect(withoutSlots(after.html)).toBe(withoutSlots(before.html));
  // Nothing of her on it.
  for (const word of [survivor.firstName, survivor.id, "Library, room 2 is"]) expect(after.html).not.toContain(word);
}, 120_000);
