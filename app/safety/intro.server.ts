import { db } from "~/db.server";

/** Records that the person has seen the page about leaving quickly; they are not shown it again. */
export async function markSafetyIntroSeen(personId: string) {
  await db().person.updateMany({
    where: { id: personId, safetyIntroSeenAt: null },
    data: { safetyIntroSeenAt: new Date() },
  });
}
