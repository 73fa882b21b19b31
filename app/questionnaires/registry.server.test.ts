import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createService, enableQuestionnaires } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { definitionSchema } from "./definition-schema";
import { builtIn, collectDefinitions, DefinitionError, licensedFromFolder, publishDefinitions, publishedDefinition } from "./registry.server";

const database = useAppDatabase();
const example = path.resolve("docs/questionnaires/example-sleep-and-energy.json");

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "waypoint-questionnaires-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function exampleJson(): Promise<Record<string, unknown>> {
  const parsed: unknown = JSON.parse(await readFile(example, "utf8"));
  if (typeof parsed !== "object" || parsed === null) throw new Error("example is not an object");
  return { ...parsed };
}

describe("licensed definitions from a folder", () => {
  it("loads the documented example as a licensed definition", async () => {
    await writeFile(path.join(folder, "sleep.json"), await readFile(example, "utf8"));
    await writeFile(path.join(folder, "README.txt"), "not a definition, ignored");
    const [found, ...rest] = await licensedFromFolder(folder);
    expect(rest).toEqual([]);
    expect(found?.source).toBe("LICENSED");
    expect(found?.data.key).toBe("example-sleep-and-energy");
    expect(found?.data.licence?.notice).toMatch(/Example questionnaire/);
  });

  it("names the file and the problem when a file is not JSON", async () => {
    await writeFile(path.join(folder, "broken.json"), "{ not json");
    await expect(licensedFromFolder(folder)).rejects.toThrow(new RegExp(`${path.join(folder, "broken.json")} is not valid JSON`.replaceAll("/", "\\/")));
  });

  it("names the file, the place and the problem when a definition is malformed", async () => {
    const bad = await exampleJson();
    bad.sections = [{ key: "s", title: "S", items: [{ key: "q", type: "stars", label: "Q" }] }];
    await writeFile(path.join(folder, "bad.json"), JSON.stringify(bad));
    const error = await licensedFromFolder(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect(String(error)).toContain("bad.json: sections.0.items.0.type");
  });

  it("refuses a licensed file that reuses a built-in key, or a key and version given twice", async () => {
    const clash = await exampleJson();
    clash.key = "adult-checkin";
    await writeFile(path.join(folder, "clash.json"), JSON.stringify(clash));
    await expect(collectDefinitions({ licensedFolder: folder })).rejects.toThrow(/uses the key "adult-checkin" of a built-in questionnaire/);
    await rm(path.join(folder, "clash.json"));
    await writeFile(path.join(folder, "a.json"), await readFile(example, "utf8"));
    await writeFile(path.join(folder, "b.json"), await readFile(example, "utf8"));
    await expect(collectDefinitions({ licensedFolder: folder })).rejects.toThrow(/defined twice: in .*a\.json and in .*b\.json/);
  });

  it("says so when the folder cannot be read", async () => {
    await expect(licensedFromFolder(path.join(folder, "missing"))).rejects.toThrow(/cannot be read/);
  });
});

describe("the definition format refuses what would break later", () => {
  const base = { key: "t", version: 1, title: "T", audience: null, stage: "CHECK_IN" } as const;
  const messages = (input: unknown) => {
    const result = definitionSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it("refuses a condition on a later or unknown item, an impossible alert, and a score of text", () => {
    expect(
      messages({
        ...base,
        sections: [
          {
            key: "s",
            title: "S",
            items: [
              { key: "a", type: "yes-no", label: "A", showIf: { item: "b", in: ["yes"] } },
              { key: "b", type: "yes-no", label: "B" },
            ],
          },
        ],
      }),
    ).toContain('item "a" depends on "b", which is not an earlier item');
    expect(
      messages({ ...base, sections: [{ key: "s", title: "S", items: [{ key: "a", type: "scale-0-10", label: "A", alertIf: { in: ["11"] } }] }] }),
    ).toContain('item "a" cannot be answered "11", so it cannot raise an alert on it');
    expect(
      messages({
        ...base,
        sections: [{ key: "s", title: "S", items: [{ key: "a", type: "long-text", label: "A" }] }],
        scores: [{ key: "x", label: "X", method: "sum", items: ["a"] }],
      }),
    ).toContain('score "x" counts "a", a long-text item, which has no number');
    expect(messages({ ...base, sections: [{ key: "s", title: "S", items: [{ key: "a", type: "faces", label: "A", min: 0 }] }] })).toContain(
      'item "a" must stay within 1–5, the range of a faces',
    );
    expect(messages({ ...base, sections: [{ key: "s", title: "S", items: [{ key: "a", type: "yes-no", label: "A", ageBands: ["under-8"] }] }] })).toContain(
      'item "a" has age bands but the questionnaire is not for young people',
    );
  });
});

describe("publishing", () => {
  it("publishes once, refuses changed content under a published version, and switches a new version on where the key was on", async () => {
    const prisma = database().prisma;
    const service = await createService(prisma);
    const first = await publishDefinitions(prisma, builtIn());
    expect(first.every((p) => p.created)).toBe(true);
    await enableQuestionnaires(prisma, service.id);
    expect((await publishDefinitions(prisma, builtIn())).every((p) => !p.created)).toBe(true);

    const checkin = builtIn().find((d) => d.data.key === "adult-checkin");
    if (!checkin) throw new Error("adult-checkin is built in");
    const changed = { ...checkin, data: { ...checkin.data, title: "Changed without a new version" } };
    await expect(publishDefinitions(prisma, [changed])).rejects.toThrow(/differs from the version already published.*new version number/);

    const next = { ...checkin, data: { ...checkin.data, version: checkin.data.version + 1, title: "A new version" } };
    const [published] = await publishDefinitions(prisma, [next]);
    expect(published?.created).toBe(true);
    const enabled = await prisma.serviceQuestionnaire.findMany({
      where: { serviceId: service.id, definition: { key: "adult-checkin" } },
      select: { definition: { select: { version: true } } },
    });
    expect(enabled.map((e) => e.definition.version).sort()).toEqual([checkin.data.version, checkin.data.version + 1]);
    expect((await publishedDefinition(published?.id ?? "")).title).toBe("A new version");
  });
});
