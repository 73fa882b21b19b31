/**
 * `npm run admin:create -- --name "Helen Park" --email helen@example.org [--service "Riverside Family Service"]`
 *
 * The first step on a new installation: creates the service (if the database has none) and an
 * administrator, and prints a single-use code for them to enrol a passkey at /sign-in. Run it
 * with the same DATABASE_URL / WAYPOINT_DATA_DIR as the app (stop the app first on the embedded
 * database: only one process may open it).
 */
import { parseArgs } from "node:util";
import { issueEnrolmentCode } from "../app/auth/enrolment.server.ts";
import { db } from "../app/db.server.ts";
import { runCommand, withAppDatabase } from "./with-app-database.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { name: { type: "string" }, email: { type: "string" }, service: { type: "string" } } });
  const name = values.name?.trim();
  const email = values.email?.trim().toLowerCase();
  if (!name || !email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    console.error('Usage: npm run admin:create -- --name "Full Name" --email work@example.org [--service "Service name"]');
    return 2;
  }
  return withAppDatabase(async (config) => {
    const prisma = db();
    const service =
      (await prisma.service.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, name: true } })) ??
      (await prisma.service.create({ data: { name: values.service?.trim() || "Waypoint" }, select: { id: true, name: true } }));
    if (await prisma.staffMember.findFirst({ where: { serviceId: service.id, email }, select: { id: true } })) {
      console.error(`${email} already has a staff account; an admin can issue them a new code from Staff accounts.`);
      return 1;
    }
    const admin = await prisma.staffMember.create({ data: { serviceId: service.id, displayName: name, email, role: "ADMIN" }, select: { id: true } });
    const { code, expiresAt } = await issueEnrolmentCode({ staffId: admin.id }, { issuedById: null });
    console.log(`Administrator created for "${service.name}".`);
    console.log(`Sign-in code (works once, until ${expiresAt.toISOString()}): ${code}`);
    console.log(`Enter it at ${config.WAYPOINT_ORIGIN}/sign-in and register a passkey.`);
    return 0;
  });
}

runCommand(main);
