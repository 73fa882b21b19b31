/**
 * The views property (decision 041): a reader who sets every view of the report side by side (the
 * whole service, each area, each referral source and each children's age band of each) can work
 * out no hidden figure, nor any small group that no view shows.
 *
 * People are generated with an area, a referral source, an age band and whether they have
 * something; views.ts decides what each view shows. The attacker is written here, not taken from
 * views.ts: its unknowns are the people in each cell of area × referral source × age band (with and
 * without the thing), which no view shows, and each figure a view shows is the sum of the cells it
 * covers. Two attacks run over every view at once:
 * - **any combination of shown figures** (sums and differences of whole views, as many as it takes):
 *   a hidden figure, the complement of a share (those without the thing), or a cell no view shows, is
 *   recovered when it is a linear combination of shown figures (Gaussian elimination);
 * - **subtraction with bounds**: the suppression module's interval attack (what "<5" and "withheld"
 *   tell) over this independent system.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exposedFigures, FigureSet, SuppressionImpossible, type Decision, type SuppressedFigures, type SumRule } from "./suppression";
import { DIMENSIONS, NO_VALUE, viewFigures, viewKey, type Cell, type Cohort, type FigureSpec } from "./views";

const AREAS = ["north", "south"];
/** Every value of each dimension, and none: a value nobody has is still a view a reader can ask for. */
const REFERRALS = [...DIMENSIONS.referral, null];
const BANDS = [...DIMENSIONS.band, null];

type Person = { area: number; referral: string | null; band: string | null; has: boolean };

/** Most people share a few values, so that cells hold several people; any value can turn up. */
const valueOf = <T>(common: T[], all: T[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...common) }, { weight: 1, arbitrary: fc.constantFrom(...all) });

const person: fc.Arbitrary<Person> = fc.record({
  area: fc.integer({ min: 0, max: AREAS.length - 1 }),
  referral: valueOf(["POLICE", "HEALTH", null], REFERRALS),
  band: valueOf(["under-8", "8-12", null], BANDS),
  has: fc.boolean(),
});

/** Services as they are: most people in a few cells, some cells of one or two. */
const people = fc.array(person, { maxLength: 70 });
const thresholds = fc.integer({ min: 2, max: 5 });

const spec: FigureSpec = {
  counts: [
    { key: "n", group: "G" },
    { key: "k", group: "G" },
  ],
  shares: [{ key: "k", of: "n" }],
  partitions: [],
};

function cellsOf(everyone: Person[]): Cell[] {
  const cells = new Map<string, { group: string; area: string; referral: string | null; band: string | null; counts: { n: number; k: number } }>();
  for (const p of everyone) {
    const id = `${p.area}|${p.referral}|${p.band}`;
    const cell = cells.get(id) ?? { group: "G", area: AREAS[p.area] ?? "", referral: p.referral, band: p.band, counts: { n: 0, k: 0 } };
    cell.counts.n += 1;
    if (p.has) cell.counts.k += 1;
    cells.set(id, cell);
  }
  return [...cells.values()];
}

/**
 * Every view a reader can ask for: each place, alone and cut by each value of each dimension; and,
 * as if a reader knew them (every family has a referral source; adults have no age band), the
 * people with no value in a dimension.
 */
function views(): { place: string; cohort: Cohort }[] {
  const cohorts: Cohort[] = [
    null,
    ...REFERRALS.map((r) => ({ dimension: "referral" as const, value: r ?? NO_VALUE })),
    ...BANDS.map((b) => ({ dimension: "band" as const, value: b ?? NO_VALUE })),
  ];
  return [...AREAS, "*"].flatMap((place) => cohorts.map((cohort) => ({ place, cohort })));
}

/** The latent cells a view covers. */
function covered(place: string, cohort: Cohort): string[] {
  const cells: string[] = [];
  AREAS.forEach((area, a) => {
    if (place !== "*" && place !== area) return;
    for (const r of REFERRALS)
      for (const b of BANDS) {
        if (cohort?.dimension === "referral" && cohort.value !== (r ?? NO_VALUE)) continue;
        if (cohort?.dimension === "band" && cohort.value !== (b ?? NO_VALUE)) continue;
        cells.push(`${a}|${r}|${b}`);
      }
  });
  return cells;
}

/**
 * What the attacker sees and knows: the true values (the attacker's unknowns), the decisions of the
 * figures views show, the sums tying each shown figure to the latent cells, and which are latent.
 */
function attackerSystem(everyone: Person[], unfiltered: SuppressedFigures, cohorts: SuppressedFigures | null) {
  const values = new Map<string, number>();
  const decisions = new Map<string, Decision>();
  const rules: SumRule[] = [];
  const latent = new Set<string>();
  AREAS.forEach((_, a) => {
    for (const r of REFERRALS)
      for (const b of BANDS) {
        const inCell = everyone.filter((p) => p.area === a && p.referral === r && p.band === b);
        for (const [name, n] of [
          ["with", inCell.filter((p) => p.has).length],
          ["without", inCell.filter((p) => !p.has).length],
        ] as const) {
          values.set(`cell:${a}|${r}|${b}:${name}`, n);
          latent.add(`cell:${a}|${r}|${b}:${name}`);
        }
      }
  });
  for (const { place, cohort } of views()) {
    const decided = cohort ? cohorts : unfiltered;
    if (!decided) continue; // every cohort view withheld whole: nothing of them to attack
    const cells = covered(place, cohort);
    for (const key of ["k", "n"]) {
      const figure = `view:${key}:${viewKey(key, place, cohort)}`;
      const decision = decided.decision(viewKey(key, place, cohort));
      if (!decision) throw new Error(`no decision for ${figure}`);
      const parts = cells.flatMap((c) => (key === "k" ? [`cell:${c}:with`] : [`cell:${c}:with`, `cell:${c}:without`]));
      values.set(
        figure,
        parts.reduce((s, p) => s + (values.get(p) ?? 0), 0),
      );
      decisions.set(figure, decision);
      rules.push({ total: figure, parts });
    }
  }
  return { values, decisions, rules, latent };
}

describe("every view of the report, side by side", () => {
  it("gives away no hidden figure and no small group, whichever views a reader sets together", () => {
    fc.assert(
      fc.property(people, thresholds, (everyone, threshold) => {
        const cells = cellsOf(everyone);
        const unfiltered = viewFigures(cells, AREAS, spec, false).finish(threshold);
        let cohorts: SuppressedFigures | null;
        try {
          cohorts = viewFigures(cells, AREAS, spec, true).finish(threshold, unfiltered.allDecisions());
        } catch (error) {
          if (!(error instanceof SuppressionImpossible)) throw error;
          cohorts = null;
        }
        // The cohort views keep the unfiltered decisions: a place's figure is hidden in both or neither.
        if (cohorts) for (const [key, d] of unfiltered.allDecisions()) expect(cohorts.decision(key), key).toBe(d);
        const { values, decisions, rules, latent } = attackerSystem(everyone, unfiltered, cohorts);
        expect(exposedFigures(values, decisions, rules, threshold, latent)).toEqual([]);
        expect(combined(values, decisions, rules, threshold, latent)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("finds what deciding each cohort view on its own, as the report once did, gives away (the attack can fail)", () => {
    // In the north, 22 children: 2 under 8, 10 aged 8–12 and 10 aged 13–17. Each band view,
    // decided on its own beside "the rest" (never shown: 12 beside each 10), shows its 10 and hides
    // its 2; but the under-8s are the unfiltered 22 less the two shown views' 10 and 10.
    const everyone: Person[] = [
      ...Array.from({ length: 2 }, (): Person => ({ area: 0, referral: "POLICE", band: "under-8", has: true })),
      ...Array.from({ length: 10 }, (): Person => ({ area: 0, referral: "POLICE", band: "8-12", has: false })),
      ...Array.from({ length: 10 }, (): Person => ({ area: 0, referral: "POLICE", band: "13-17", has: false })),
    ];
    const cells = cellsOf(everyone);
    const unfiltered = viewFigures(cells, AREAS, spec, false).finish(2);
    const apart = decidedApart(everyone, unfiltered, 2);
    const attacked = attackerSystem(everyone, unfiltered, apart);
    expect(combined(attacked.values, attacked.decisions, attacked.rules, 2, attacked.latent)).toContain("view:n:n|north|band=under-8");
    // The same people, decided together (views.ts): nothing.
    const together = viewFigures(cells, AREAS, spec, true).finish(2, unfiltered.allDecisions());
    const defended = attackerSystem(everyone, unfiltered, together);
    expect(exposedFigures(defended.values, defended.decisions, defended.rules, 2, defended.latent)).toEqual([]);
    expect(combined(defended.values, defended.decisions, defended.rules, 2, defended.latent)).toEqual([]);
  });
});

/**
 * The earlier rule, kept here only to show the attack finds what it let through: each cohort view
 * decided on its own, its figure beside "the rest of the place" (never shown), with the unfiltered
 * decisions fixed. Returns the decisions of every cohort view's figures.
 */
function decidedApart(everyone: Person[], unfiltered: SuppressedFigures, threshold: number): SuppressedFigures {
  const decisions = new Map<string, Decision>();
  for (const { place, cohort } of views()) {
    if (!cohort) continue;
    const figures = new FigureSet();
    const inView = (p: Person, area: string) =>
      (place === "*" || AREAS[p.area] === place) &&
      AREAS[p.area] === area &&
      (cohort.dimension === "referral" ? (p.referral ?? NO_VALUE) : (p.band ?? NO_VALUE)) === cohort.value;
    for (const area of AREAS) {
      const mine = everyone.filter((p) => AREAS[p.area] === area);
      for (const [key, has] of [
        ["n", () => true],
        ["k", (p: Person) => p.has],
      ] as const) {
        const whole = mine.filter(has).length;
        const inside = mine.filter((p) => has(p) && inView(p, area)).length;
        figures.count(viewKey(key, area), whole);
        figures.count(`${key}|${area}|in`, inside);
        figures.count(`${key}|${area}|rest`, whole - inside, { published: false });
        figures.sum(viewKey(key, area), [`${key}|${area}|in`, `${key}|${area}|rest`]);
      }
    }
    for (const key of ["n", "k"]) {
      figures.count(
        viewKey(key, "*"),
        AREAS.reduce((s, a) => s + figures.valueOf(viewKey(key, a)), 0),
      );
      figures.sum(
        viewKey(key, "*"),
        AREAS.map((a) => viewKey(key, a)),
      );
    }
    const decided = figures.finish(threshold, unfiltered.allDecisions());
    const areas = place === "*" ? AREAS : [place];
    for (const key of ["n", "k"]) {
      // The view's figure is the sum of its areas' "in" parts: hidden if any of them is.
      const hiddenPart = areas.some((a) => decided.decision(`${key}|${a}|in`) !== "shown");
      decisions.set(viewKey(key, place, cohort), hiddenPart ? "primary" : "shown");
    }
  }
  return { decision: (key: string) => decisions.get(key) } as unknown as SuppressedFigures;
}

/**
 * The combination attack: every figure that is a sum of latent cells (each view's figure; each
 * view's "without" complement, n − k; each latent cell) and lies in the span of the shown figures
 * is known exactly. Returns those that give something away: a hidden view figure that is not zero,
 * or a complement or cell no view shows that holds 1..threshold people.
 */
function combined(values: Map<string, number>, decisions: Map<string, Decision>, rules: SumRule[], threshold: number, latent: Set<string>): string[] {
  const cells = [...latent];
  const index = new Map(cells.map((c, i) => [c, i]));
  const vectorOf = (parts: string[]) => {
    const v = new Array<number>(cells.length).fill(0);
    for (const p of parts) v[index.get(p) ?? -1] = 1;
    return v;
  };
  const basis: { pivot: number; row: number[] }[] = [];
  const reduce = (vector: number[]) => {
    const v = [...vector];
    for (const { pivot, row } of basis) {
      const f = v[pivot] ?? 0;
      if (Math.abs(f) > 1e-9) for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) - f * (row[i] ?? 0);
    }
    return v;
  };
  const vectors = new Map(rules.map((r) => [r.total, vectorOf(r.parts)]));
  for (const [figure, vector] of vectors) {
    if (decisions.get(figure) !== "shown") continue;
    const v = reduce(vector);
    const pivot = v.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot < 0) continue;
    const f = v[pivot] ?? 1;
    basis.push({ pivot, row: v.map((x) => x / f) });
  }
  const known = (vector: number[]) => reduce(vector).every((x) => Math.abs(x) < 1e-9);
  const found: string[] = [];
  for (const [figure, vector] of vectors) {
    const value = values.get(figure) ?? 0;
    if (decisions.get(figure) !== "shown" && value > 0 && known(vector)) found.push(figure);
    if (figure.startsWith("view:n:")) {
      // Those without the thing: n − k of the same view.
      const k = vectors.get(figure.replace("view:n:n", "view:k:k"));
      const without = k ? vector.map((x, i) => x - (k[i] ?? 0)) : null;
      const small = value - (values.get(figure.replace("view:n:n", "view:k:k")) ?? 0);
      if (without && small >= 1 && small <= threshold && known(without)) found.push(`${figure}:without`);
    }
  }
  for (const cell of cells) {
    const value = values.get(cell) ?? 0;
    if (value >= 1 && value <= threshold && known(vectorOf([cell]))) found.push(cell);
  }
  return found;
}
