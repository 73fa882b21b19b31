import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { recordAudit } from "~/audit/audit.server";
import { staffAccessSummary } from "~/audit/audit-view.server";
import { findPossibleDuplicates } from "~/casework/families.server";
import { buildSubjectAccessExport } from "~/casework/subject-access/export.server";
import { allocate, createArea, createFamily, createPerson, createService, createStaff } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { staffViewer as viewerOf } from "../../tests/support/viewers";
import { AUDIT_ACTIONS, auditVisibility } from "./visibility";

const database = useAppDatabase();

/** Every non-test TypeScript file under `app/`, except the generated client. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * The kinds of audit event the code writes, read from the source: `action: "kind.name"` in an
 * audit input and the third argument of `auditChange(viewer, personId, "kind", tx)`.
 */
function actionsWrittenInTheCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(path.resolve("app"))) {
    const text = readFileSync(file, "utf8");
    const patterns = [/\baction:\s*"([a-z-]+(?:\.[a-z-]+)+)"/g, /\bauditChange\(\s*[^,()]+,\s*[^,()]+,\s*"([^"]+)"/g];
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) found.set(match[1] ?? "", path.relative(process.cwd(), file));
    }
  }
  return found;
}

describe("what a person sees of the audit trail is decided in one place", () => {
  it("has a decision for every kind of audit event written anywhere in the code", () => {
    const written = actionsWrittenInTheCode();
    // The scan must find the kinds written in each way, or it proves nothing.
    for (const known of ["person.duplicate-match", "person.read", "goals.rated", "signin.passkey", "service.rule.create"]) {
      expect(written.has(known), known).toBe(true);
    }
    const undecided = [...written].filter(([action]) => !Object.hasOwn(AUDIT_ACTIONS, action)).map(([action, file]) => `${action} (${file})`);
    expect(undecided).toEqual([]);
  });

  it("keeps a duplicate check from the person, sends safeguarding and merges to review, and an unknown kind to review", () => {
    expect(auditVisibility("person.duplicate-match")).toEqual({ to: "nobody" });
    expect(auditVisibility("person.read")).toEqual({ to: "person" });
    expect(auditVisibility("alert.resolve")).toEqual({ to: "review", because: "safeguarding" });
    expect(auditVisibility("person.merge")).toEqual({ to: "review", because: "another-person" });
    expect(auditVisibility("something.older")).toEqual({ to: "review", because: "unknown-kind" });
  });
});

describe("a duplicate check by a case manager in another area", () => {
  async function world() {
    const prisma = database().prisma;
    const service = await createService(prisma, { name: "Riverside Family Support" });
    const north = await createArea(prisma, { serviceId: service.id, name: "North" });
    const south = await createArea(prisma, { serviceId: service.id, name: "South" });
    const holder = await createStaff(prisma, { serviceId: service.id, role: "CASE_MANAGER", displayName: "Casey Holder" });
    const southHolder = await createStaff(prisma, { serviceId: service.id, role: "CASE_MANAGER", displayName: "Jordan Southfield" });
    const advocate = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", displayName: "Dana Advocate" });
    const family = await createFamily(prisma, { serviceId: service.id, areaId: north.id, caseManagerId: holder.id });
    const alex = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Alex", lastName: "Rivers" });
    await allocate(prisma, { personId: alex.id, staffId: advocate.id });
    await createFamily(prisma, { serviceId: service.id, areaId: south.id, caseManagerId: southHolder.id });
    return { prisma, alex, advocate, southHolder };
  }

  it("is not an opening of the person's record: their access summary does not name him", async () => {
    const { prisma, alex, advocate, southHolder } = await world();
    // Her own worker opens her record once: the summary is working, and names her worker.
    await recordAudit({ actor: { staffId: advocate.id }, action: "person.read", reasonCode: "casework", subjectPersonId: alex.id });
    // In the South, a case manager adding someone to his own family types a matching name.
    const matches = await findPossibleDuplicates(viewerOf(southHolder), { firstName: "alex", lastName: "Rivers" });
    expect(matches).toHaveLength(1);
    // The look is still on the audit trail, for managers.
    expect(await prisma.auditEvent.count({ where: { subjectPersonId: alex.id, action: "person.duplicate-match", actorStaffId: southHolder.id } })).toBe(1);

    const summary = await staffAccessSummary(alex.id);
    expect(summary.map((s) => [s.name, s.times])).toEqual([["Dana Advocate", 1]]);
    expect(JSON.stringify(summary)).not.toContain("Jordan Southfield");
  });

  it("is not in the person's subject access export, neither for release nor for review; review kinds are flagged", async () => {
    const { prisma, alex, advocate, southHolder } = await world();
    await findPossibleDuplicates(viewerOf(southHolder), { firstName: "Alex", lastName: "Rivers" });
    await recordAudit({ actor: { staffId: advocate.id }, action: "alert.resolve", reasonCode: "safeguarding", subjectPersonId: alex.id });
    // A row of a kind this version has no decision for (written by another version during a deploy).
    await prisma.auditEvent.create({ data: { actorStaffId: advocate.id, subjectPersonId: alex.id, action: "person.looked-sideways", reasonCode: "casework" } });

    const exported = await buildSubjectAccessExport(viewerOf(advocate), alex.id);
    const text = JSON.stringify(exported);
    expect(text).not.toContain("Jordan Southfield");
    expect(text).not.toContain("person.duplicate-match");
    expect(exported.accessLog.map((e) => [e.who, e.action, e.needsReview ?? false])).toEqual([
      ["Dana Advocate", "alert.resolve", true],
      ["Dana Advocate", "person.looked-sideways", true],
      ["Dana Advocate", "person.subject-access-export", false],
    ]);
    expect(exported.review.passages.filter((p) => p.section === "accessLog").map((p) => p.reason)).toEqual(["safeguarding", "unknown-kind"]);
  });
});
