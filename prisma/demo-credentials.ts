import { hashCode } from "../app/auth/enrolment.server";
import { hashPin } from "../app/auth/pin.server";
import type { PrismaClient } from "../app/generated/prisma/client";
import { Random } from "./factory";

/**
 * Ways into the demo service, published in the README. Every open service user gets a demo PIN
 * credential (sign-in name from their name and family, one shared PIN); the featured people,
 * every member of staff and a few spare people get demo enrolment codes (staff enrol a passkey
 * with theirs). All are marked `demo` and refused when NODE_ENV=production.
 */
export const DEMO_PIN = "246810";
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const DEMO_CODE_DAYS = 3650;

export type DemoCredentials = {
  pin: string;
  signInNames: { name: string; familyReference: string; signInName: string }[];
  codes: { name: string; who: "person" | "staff"; code: string }[];
};

export function demoSignInName(firstName: string, lastName: string, familyReference: string) {
  return `${firstName}-${lastName}-${familyReference.replace(/\D/g, "")}`.toLowerCase().replace(/[^a-z0-9-]/g, "");
}

export async function seedDemoCredentials(prisma: PrismaClient, serviceId: string, now: Date): Promise<DemoCredentials> {
  const people = await prisma.person.findMany({
    where: { serviceId, involvementEndedAt: null, anonymisedAt: null },
    orderBy: [{ family: { reference: "asc" } }, { kind: "asc" }, { firstName: "asc" }],
    select: { id: true, firstName: true, lastName: true, family: { select: { reference: true } } },
  });
  // One scrypt hash shared by every demo credential: hashing each would make the seed slow, and
  // the PIN is published anyway.
  const hash = await hashPin(DEMO_PIN);
  const signInNames = people.map((p) => ({
    personId: p.id,
    name: `${p.firstName} ${p.lastName}`,
    familyReference: p.family.reference,
    signInName: demoSignInName(p.firstName, p.lastName, p.family.reference),
  }));
  await prisma.pinCredential.createMany({
    data: signInNames.map((s) => ({ personId: s.personId, signInName: s.signInName, hash, demo: true })),
  });

  const random = new Random(20261122);
  const code = () => {
    const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[Math.floor(random.next() * CODE_ALPHABET.length)]);
    return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
  };
  const staff = await prisma.staffMember.findMany({ where: { serviceId }, orderBy: { displayName: "asc" }, select: { id: true, displayName: true } });
  const firstFamily = people.filter((p) => p.family.reference === "F-0001");
  const spare = people.filter((p) => p.family.reference !== "F-0001").slice(0, 12);
  const codes = [
    ...staff.map((s) => ({ name: s.displayName, who: "staff" as const, principal: { staffId: s.id }, code: code() })),
    ...[...firstFamily, ...spare].map((p) => ({ name: `${p.firstName} ${p.lastName}`, who: "person" as const, principal: { personId: p.id }, code: code() })),
  ];
  const expiresAt = new Date(now.getTime() + DEMO_CODE_DAYS * 86_400_000);
  await prisma.enrolmentCode.createMany({
    data: codes.map((c) => ({ ...c.principal, codeHash: hashCode(c.code), expiresAt, demo: true })),
  });
  return {
    pin: DEMO_PIN,
    signInNames: signInNames.map(({ name, familyReference, signInName }) => ({ name, familyReference, signInName })),
    codes: codes.map(({ name, who, code: c }) => ({ name, who, code: c })),
  };
}
