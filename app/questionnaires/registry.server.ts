import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient, Prisma } from "~/generated/prisma/client";
import { db } from "~/db.server";
import { definitionSchema, type QuestionnaireDefinitionData, type QuestionnaireItem } from "./definition-schema";
import { builtInDefinitions } from "./definitions/index";

/**
 * Where questionnaire definitions come from and how they are published. At start-up every built-in
 * definition and every file in WAYPOINT_QUESTIONNAIRE_DIR is checked; the first problem stops the
 * server with the file and the problem named. Each (key, version) is then published once: a row
 * whose content differs from what was published before under the same version is refused,
 * because answers point at that version.
 */
export class DefinitionError extends Error {}

export type SourcedDefinition = { data: QuestionnaireDefinitionData; source: "BUILT_IN" | "LICENSED"; origin: string };

type Client = PrismaClient | Prisma.TransactionClient;

export function builtIn(): SourcedDefinition[] {
  return builtInDefinitions.map((input) => {
    const result = definitionSchema.safeParse(input);
    if (!result.success) throw new DefinitionError(`Built-in questionnaire "${input.key}": ${describeIssues(result.error.issues)}`);
    return { data: result.data, source: "BUILT_IN", origin: `built-in ${input.key}` };
  });
}

/** Every `*.json` file in the folder, checked; anything else in it is ignored. */
export async function licensedFromFolder(folder: string): Promise<SourcedDefinition[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.endsWith(".json")).sort();
  } catch (error) {
    throw new DefinitionError(`Questionnaire folder ${folder} cannot be read (${error instanceof Error ? error.message : String(error)}).`);
  }
  const found: SourcedDefinition[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      throw new DefinitionError(`Questionnaire file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const result = definitionSchema.safeParse(json);
    if (!result.success) throw new DefinitionError(`Questionnaire file ${file}: ${describeIssues(result.error.issues)}`);
    found.push({ data: result.data, source: "LICENSED", origin: file });
  }
  return found;
}

/** Built-in and licensed definitions together; two with the same key and version are refused. */
export async function collectDefinitions(options: { licensedFolder?: string }): Promise<SourcedDefinition[]> {
  const all = [...builtIn(), ...(options.licensedFolder ? await licensedFromFolder(options.licensedFolder) : [])];
  const seen = new Map<string, SourcedDefinition>();
  for (const definition of all) {
    const id = `${definition.data.key}@${definition.data.version}`;
    const earlier = seen.get(id);
    if (earlier)
      throw new DefinitionError(
        `Questionnaire "${definition.data.key}" version ${definition.data.version} is defined twice: in ${earlier.origin} and in ${definition.origin}.`,
      );
    const builtInKey = definition.source === "LICENSED" && all.some((d) => d.source === "BUILT_IN" && d.data.key === definition.data.key);
    if (builtInKey)
      throw new DefinitionError(
        `Questionnaire file ${definition.origin} uses the key "${definition.data.key}" of a built-in questionnaire: choose another key.`,
      );
    seen.set(id, definition);
  }
  return all;
}

/** sha256 of the checked definition: what "the same content" means for a published version. */
export function definitionChecksum(data: QuestionnaireDefinitionData): string {
  return createHash("sha256").update(JSON.stringify(data)).digest("hex");
}

/**
 * Publishes each definition not yet published, and refuses one whose content changed under the
 * same version. A new version of a questionnaire a service has switched on is switched on too,
 * so new assignments get it.
 */
export async function publishDefinitions(client: Client, definitions: SourcedDefinition[]) {
  const published: { id: string; key: string; version: number; created: boolean }[] = [];
  for (const { data, source, origin } of definitions) {
    const checksum = definitionChecksum(data);
    const existing = await client.questionnaireDefinition.findUnique({
      where: { key_version: { key: data.key, version: data.version } },
      select: { id: true, checksum: true },
    });
    if (existing) {
      if (existing.checksum !== checksum) {
        throw new DefinitionError(
          `Questionnaire "${data.key}" version ${data.version} (${origin}) differs from the version already published. ` +
            "Published versions never change, because answers point at them: give the change a new version number.",
        );
      }
      published.push({ id: existing.id, key: data.key, version: data.version, created: false });
      continue;
    }
    const row = await client.questionnaireDefinition.create({
      data: { key: data.key, version: data.version, title: data.title, source, audience: data.audience, stage: data.stage, definition: data, checksum },
      select: { id: true },
    });
    const services = await client.serviceQuestionnaire.findMany({
      where: { definition: { key: data.key } },
      distinct: ["serviceId"],
      select: { serviceId: true },
    });
    if (services.length > 0) {
      await client.serviceQuestionnaire.createMany({ data: services.map((s) => ({ serviceId: s.serviceId, definitionId: row.id })), skipDuplicates: true });
    }
    published.push({ id: row.id, key: data.key, version: data.version, created: true });
  }
  return published;
}

/** Start-up: check and publish everything. Throws a DefinitionError naming the file and the problem. */
export async function publishAtStartUp(client: Client, options: { licensedFolder?: string }) {
  return publishDefinitions(client, await collectDefinitions(options));
}

export type PublishedDefinition = {
  id: string;
  key: string;
  version: number;
  title: string;
  data: QuestionnaireDefinitionData;
  items: Map<string, QuestionnaireItem>;
};

// Published definitions never change, so a parsed copy can be kept for the life of the process
// (and every app server may keep its own).
const cache = new Map<string, PublishedDefinition>();

/** A published definition by id, parsed once per process. */
export async function publishedDefinition(id: string, client: Client = db()): Promise<PublishedDefinition> {
  const cached = cache.get(id);
  if (cached) return cached;
  const row = await client.questionnaireDefinition.findUniqueOrThrow({
    where: { id },
    select: { id: true, key: true, version: true, title: true, definition: true },
  });
  const data = definitionSchema.parse(row.definition);
  const parsed = {
    id: row.id,
    key: row.key,
    version: row.version,
    title: row.title,
    data,
    items: new Map(data.sections.flatMap((s) => s.items).map((i) => [i.key, i])),
  };
  cache.set(id, parsed);
  return parsed;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 3).map((i) => (i.path.length > 0 ? `${i.path.map(String).join(".")}: ${i.message}` : i.message));
  return shown.join("; ") + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : "");
}
