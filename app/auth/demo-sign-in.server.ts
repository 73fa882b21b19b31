import { z } from "zod";
import { db } from "~/db.server";
import { env } from "~/env.server";

/**
 * Signing in as any demo person without a credential. For trying the portal and for tests only:
 * the route is left out of production builds, and this module refuses to work when
 * NODE_ENV=production in case a demo build is ever deployed.
 */
export function assertDemoSignInAllowed() {
  if (env().NODE_ENV === "production") {
    throw new Response("Not found", { status: 404 });
  }
}

export async function listDemoPrincipals() {
  assertDemoSignInAllowed();
  const [staff, families] = await Promise.all([
    db().staffMember.findMany({
      where: { deactivatedAt: null },
      orderBy: [{ role: "asc" }, { displayName: "asc" }],
      select: { id: true, displayName: true, role: true },
    }),
    db().family.findMany({
      where: { closedAt: null },
      orderBy: { reference: "asc" },
      select: {
        reference: true,
        people: {
          where: { involvementEndedAt: null, anonymisedAt: null },
          orderBy: { kind: "asc" },
          select: { id: true, firstName: true, lastName: true, kind: true },
        },
      },
    }),
  ]);
  return { staff, families: families.filter((f) => f.people.length > 0) };
}

export const demoSignInSchema = z.object({
  principal: z.string().regex(/^(person|staff):[a-z0-9]+$/, "Choose someone to sign in as"),
});

/** Resolves the chosen principal, or null if it does not exist (or may not sign in). */
export async function findDemoPrincipal(principal: string) {
  assertDemoSignInAllowed();
  const [type, id] = principal.split(":");
  if (!id) return null;
  if (type === "person") {
    const person = await db().person.findFirst({
      where: { id, involvementEndedAt: null, anonymisedAt: null },
      select: { id: true },
    });
    return person ? { personId: person.id } : null;
  }
  const staff = await db().staffMember.findFirst({ where: { id, deactivatedAt: null }, select: { id: true } });
  return staff ? { staffId: staff.id } : null;
}
