/**
 * What the bench's parts (booking, messages) add to the demo service before the server starts:
 * workers, survivors alone in families of their own, and signed-in sessions, written directly with
 * the Prisma client so that thousands of rows stay quick.
 */
import type { PrismaClient } from "../app/generated/prisma/client";
import { newSecretId } from "../app/auth/secret-id.server";
import { dateColumn } from "../app/time/calendar";
import { DEMO_SERVICE_NAME } from "../prisma/demo-service";

/**
 * The demo service's id and its first area's, with makers for a bench part's own people:
 * - `worker(name)`: an adult survivor advocate named `name`, with an address at bench.example;
 * - `survivor({ reference, lastName, referralDate, staffIds })`: an adult survivor ("Bench"
 *   `lastName`) alone in a new family `reference`, past the safety introduction, allocated to each
 *   of `staffIds`;
 * - `session(principal, hours)`: a session of a person (signed in by PIN) or a member of staff (by
 *   passkey) that lasts `hours` from `now`.
 * Each resolves to the new row's id. Throws when the demo service is not there.
 */
export async function benchPeople(prisma: PrismaClient, now: Date) {
  const service = await prisma.service.findFirstOrThrow({ where: { name: DEMO_SERVICE_NAME }, select: { id: true } });
  const area = await prisma.area.findFirstOrThrow({ where: { serviceId: service.id }, select: { id: true } });
  const worker = async (name: string) =>
    (
      await prisma.staffMember.create({
        data: {
          serviceId: service.id,
          displayName: name,
          email: `${name.toLowerCase().replace(/\W+/g, ".")}@bench.example`,
          role: "WORKER",
          specialism: "ADULT_SURVIVOR_ADVOCATE",
        },
        select: { id: true },
      })
    ).id;
  const survivor = async (person: { reference: string; lastName: string; referralDate: string; staffIds: string[] }) => {
    const family = await prisma.family.create({
      data: {
        serviceId: service.id,
        areaId: area.id,
        reference: person.reference,
        referralSource: "SELF_REFERRAL",
        referralDate: dateColumn(person.referralDate),
      },
      select: { id: true },
    });
    const { id } = await prisma.person.create({
      data: { serviceId: service.id, familyId: family.id, kind: "ADULT_SURVIVOR", firstName: "Bench", lastName: person.lastName, safetyIntroSeenAt: now },
      select: { id: true },
    });
    await prisma.allocation.createMany({ data: person.staffIds.map((staffId) => ({ personId: id, staffId })) });
    return id;
  };
  const session = async (principal: { personId: string } | { staffId: string }, hours: number) =>
    (
      await prisma.session.create({
        data: {
          id: newSecretId(),
          ...principal,
          method: "personId" in principal ? "pin" : "passkey",
          deviceKind: "bench",
          expiresAt: new Date(now.getTime() + hours * 3_600_000),
        },
        select: { id: true },
      })
    ).id;
  return { serviceId: service.id, worker, survivor, session };
}
