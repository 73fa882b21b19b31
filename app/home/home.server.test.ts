import { describe, expect, it } from "vitest";
import { createAppointment, createAssignment, createPerson, publishDefinitions } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { survivorWithWorker, workerIn } from "../../tests/support/worlds";
import { loadPersonHome } from "./home.server";

const database = useAppDatabase();

describe("a service user's home", () => {
  it("shows a person their own appointments and forms, and nothing of their family's", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const { service, family, person: survivor, worker: advocate } = await survivorWithWorker(prisma);
    const partner = await createPerson(prisma, { family, kind: "HARMFUL_BEHAVIOUR" });
    const bcw = await workerIn(prisma, service.id, "BEHAVIOUR_CHANGE_WORKER");
    const tomorrow = new Date(Date.now() + 86_400_000);
    const mine = await createAppointment(prisma, { personId: survivor.id, staffId: advocate.id, startsAt: tomorrow, venue: "Library, room 2" });
    const theirs = await createAppointment(prisma, { personId: partner.id, staffId: bcw.id, startsAt: tomorrow, venue: "Hall B" });
    await createAssignment(prisma, { personId: survivor.id, definitionKey: "adult-checkin", dueAt: tomorrow });
    await createAssignment(prisma, { personId: partner.id, definitionKey: "hb-reflection", dueAt: tomorrow });

    const home = await loadPersonHome(survivor.id);
    expect(home.appointments.map((a) => a.id)).toEqual([mine.id]);
    expect(home.dueQuestionnaires).toHaveLength(1);
    const serialised = JSON.stringify(home);
    expect(serialised).not.toContain(theirs.id);
    expect(serialised).not.toContain("Hall B");
    expect(serialised).not.toContain(partner.firstName);
    expect(serialised).not.toContain(bcw.displayName);

    const partnerHome = await loadPersonHome(partner.id);
    expect(partnerHome.appointments.map((a) => a.id)).toEqual([theirs.id]);
    expect(JSON.stringify(partnerHome)).not.toContain("Library, room 2");
  });

  it("leaves out cancelled and past appointments and marks overdue forms", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const { person, worker } = await survivorWithWorker(prisma);
    await createAppointment(prisma, { personId: person.id, staffId: worker.id, startsAt: new Date(Date.now() - 86_400_000) });
    await createAppointment(prisma, { personId: person.id, staffId: worker.id, startsAt: new Date(Date.now() + 86_400_000), status: "CANCELLED" });
    await createAssignment(prisma, { personId: person.id, definitionKey: "adult-checkin", dueAt: new Date(Date.now() - 3 * 86_400_000) });

    const home = await loadPersonHome(person.id);
    expect(home.appointments).toEqual([]);
    expect(home.dueQuestionnaires.map((q) => q.overdue)).toEqual([true]);
  });
});
