import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { DEFAULT_TIME_ZONE, isTimeZone } from "./zone";

/**
 * The zone a stored `Service.timeZone` stands for: null (never set) is the default zone, and so is a
 * name this runtime's ICU data does not know (the value is checked on save, but a server with older
 * time zone data must still draw pages rather than throw on every date).
 */
export function zoneOrDefault(stored: string | null | undefined): string {
  return stored && isTimeZone(stored) ? stored : DEFAULT_TIME_ZONE;
}

/**
 * A service's time zone, for server code with no signed-in viewer to read it from (background runs:
 * recurring questionnaires, retention; intake and closure rules). A missing service gives the default.
 */
export async function serviceTimeZone(client: PrismaClient | Prisma.TransactionClient, serviceId: string): Promise<string> {
  const row = await client.service.findUnique({ where: { id: serviceId }, select: { timeZone: true } });
  return zoneOrDefault(row?.timeZone);
}
