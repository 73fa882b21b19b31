/**
 * The suppression property: whatever the table, no hidden figure can be worked out from what is
 * shown. Tables and their totals are generated; three attackers try to recover every hidden cell:
 * plain subtraction along rows, columns and totals (written here, independent of the module); the
 * module's own interval attack (subtraction with the bounds "<5" and "withheld" give); and, for
 * one-way tables, every possible filling of the hidden cells (the exact attack).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideSuppression, exposedFigures, FigureSet, percentage, SuppressionImpossible, type Decision, type SumRule } from "./suppression";

/** Counts as a service sees them: many zeros and small numbers, some large. */
const count = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 40 }) });

type Table = { values: Map<string, number>; rules: SumRule[] };

/** A rows × cols table with row totals, column totals and a grand total, all published. */
function crossTable(cells: number[][], prefix = "t"): Table {
  const values = new Map<string, number>();
  const rules: SumRule[] = [];
  const rows = cells.length;
  const cols = cells[0]?.length ?? 0;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) values.set(`${prefix}:${r}:${c}`, cells[r]?.[c] ?? 0);
  for (let r = 0; r < rows; r++) {
    values.set(
      `${prefix}:${r}:T`,
      (cells[r] ?? []).reduce((a, b) => a + b, 0),
    );
    rules.push({ total: `${prefix}:${r}:T`, parts: Array.from({ length: cols }, (_, c) => `${prefix}:${r}:${c}`) });
  }
  for (let c = 0; c < cols; c++) {
    values.set(
      `${prefix}:T:${c}`,
      cells.reduce((a, row) => a + (row[c] ?? 0), 0),
    );
    rules.push({ total: `${prefix}:T:${c}`, parts: Array.from({ length: rows }, (_, r) => `${prefix}:${r}:${c}`) });
  }
  values.set(
    `${prefix}:T:T`,
    cells.flat().reduce((a, b) => a + b, 0),
  );
  rules.push({ total: `${prefix}:T:T`, parts: Array.from({ length: rows }, (_, r) => `${prefix}:${r}:T`) });
  rules.push({ total: `${prefix}:T:T`, parts: Array.from({ length: cols }, (_, c) => `${prefix}:T:${c}`) });
  return { values, rules };
}

const tables = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([rows, cols]) => fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));

const thresholds = fc.integer({ min: 2, max: 6 });

/** Subtraction only: a sum with exactly one unknown figure gives it away. Returns what it learnt. */
function subtract(table: Table, decisions: Map<string, Decision>): Map<string, number> {
  const known = new Map<string, number>();
  for (const [key, value] of table.values) if (decisions.get(key) === "shown") known.set(key, value);
  let learnt = true;
  while (learnt) {
    learnt = false;
    for (const rule of table.rules) {
      const unknown = [rule.total, ...rule.parts].filter((k) => !known.has(k));
      if (unknown.length !== 1) continue;
      const [key] = unknown;
      if (key === undefined) continue;
      const partsKnown = rule.parts.filter((k) => known.has(k)).reduce((s, k) => s + (known.get(k) ?? 0), 0);
      known.set(key, key === rule.total ? partsKnown : (known.get(rule.total) ?? 0) - partsKnown);
      learnt = true;
    }
  }
  return known;
}

/**
 * Hidden figures that must not be recoverable: every one but a hidden zero (a zero hidden to
 * protect a neighbour may be worked out as zero: "nobody" identifies no one).
 */
function hidden(decisions: Map<string, Decision>, values: Map<string, number>): string[] {
  return [...decisions].filter(([k, d]) => d !== "shown" && (values.get(k) ?? 0) > 0).map(([k]) => k);
}

describe("small-number suppression", () => {
  it("no hidden cell of a cross-table with margins can be recovered by subtraction or by bounds", () => {
    fc.assert(
      fc.property(tables, thresholds, (cells, threshold) => {
        const table = crossTable(cells);
        const decisions = decideSuppression(table.values, table.rules, threshold);
        // Every small non-zero count is hidden.
        for (const [key, value] of table.values) if (value >= 1 && value <= threshold) expect(decisions.get(key), key).toBe("primary");
        // A withheld figure is never small: "<N" is the only mark a small count gets.
        for (const [key, d] of decisions) if (d === "secondary") expect(table.values.get(key), key).toBeGreaterThan(threshold);
        const learnt = subtract(table, decisions);
        for (const key of hidden(decisions, table.values)) expect(learnt.has(key), `${key} recovered by subtraction`).toBe(false);
        expect(exposedFigures(table.values, decisions, table.rules, threshold)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("the same figure in two tables is hidden in both, and neither table gives it away", () => {
    // Two breakdowns of one group (e.g. by gender and by referral source) share their total.
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 5 }), fc.array(count, { minLength: 1, maxLength: 5 }), thresholds, (a, b, threshold) => {
        const totalA = a.reduce((x, y) => x + y, 0);
        // Make b add up to the same total by putting the difference in its last cell when it can.
        const sumB = b.reduce((x, y) => x + y, 0);
        if (sumB > totalA) return;
        const bFixed = [...b.slice(0, -1), (b.at(-1) ?? 0) + (totalA - sumB)];
        const values = new Map<string, number>([["group", totalA]]);
        a.forEach((v, i) => values.set(`a:${i}`, v));
        bFixed.forEach((v, i) => values.set(`b:${i}`, v));
        const rules: SumRule[] = [
          { total: "group", parts: a.map((_, i) => `a:${i}`) },
          { total: "group", parts: bFixed.map((_, i) => `b:${i}`) },
        ];
        const decisions = decideSuppression(values, rules, threshold);
        const learnt = subtract({ values, rules }, decisions);
        for (const key of hidden(decisions, values)) expect(learnt.has(key), `${key} recovered`).toBe(false);
        expect(exposedFigures(values, decisions, rules, threshold)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("no hidden cell of a one-way table is pinned down by any filling of the hidden cells (exact attack)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }), thresholds, (cells, threshold) => {
        const table = crossTable([cells]);
        // A one-way table: the single row and its total (the column sums repeat the cells).
        const values = new Map([...table.values].filter(([k]) => !k.startsWith("t:T:") || k === "t:T:T"));
        const rules: SumRule[] = [{ total: "t:T:T", parts: cells.map((_, c) => `t:0:${c}`) }];
        values.delete("t:0:T");
        const decisions = decideSuppression(values, rules, threshold);
        const hiddenKeys = [...decisions].filter(([, d]) => d !== "shown").map(([k]) => k);
        const total = values.get("t:T:T") ?? 0;
        const max = Math.max(total, threshold + 1) + 12;
        const ranges = hiddenKeys.map((k) => (decisions.get(k) === "primary" ? [0, threshold] : [threshold + 1, max]) as [number, number]);
        const seen = hiddenKeys.map(() => new Set<number>());
        const shownSum = cells.reduce((s, v, c) => (decisions.get(`t:0:${c}`) === "shown" ? s + v : s), 0);
        const totalHidden = decisions.get("t:T:T") !== "shown";
        const fill = (i: number, chosen: number[]) => {
          if (i === hiddenKeys.length) {
            const at = (key: string) => chosen[hiddenKeys.indexOf(key)] ?? 0;
            const partSum = shownSum + cells.reduce((s, _, c) => (decisions.get(`t:0:${c}`) !== "shown" ? s + at(`t:0:${c}`) : s), 0);
            const t = totalHidden ? at("t:T:T") : total;
            if (partSum === t) chosen.forEach((v, j) => seen[j]?.add(v));
            return;
          }
          const [lo, hi] = ranges[i] ?? [0, 0];
          for (let v = lo; v <= hi; v++) fill(i + 1, [...chosen, v]);
        };
        if (hiddenKeys.length <= 4) fill(0, []);
        else return;
        hiddenKeys.forEach((key, j) => {
          if ((values.get(key) ?? 0) > 0) expect(seen[j]?.size ?? 0, `${key} has one possible value`).not.toBe(1);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("a share hides a small group who do not have something, and its complement", () => {
    const figures = new FigureSet();
    figures.share("female", 18, "survivors", 20);
    const shown = figures.finish(4);
    expect(shown.shown("female")).toEqual({ kind: "withheld" });
    expect(() => shown.shown("female:not")).toThrow(/not for output/);
    expect(shown.shown("survivors")).toEqual({ kind: "count", n: 20 });
    expect(shown.percent("female", "survivors")).toEqual({ kind: "none", reason: "hidden" });
  });

  it("gives no percentage on a denominator under 10, and the Wilson interval when asked", () => {
    expect(percentage({ kind: "count", n: 5 }, { kind: "count", n: 9 })).toEqual({ kind: "none", reason: "small-denominator" });
    expect(percentage({ kind: "count", n: 5 }, { kind: "count", n: 10 }, { interval: true })).toEqual({
      kind: "percent",
      percent: 50,
      k: 5,
      n: 10,
      // Wilson 95% for 5/10: 0.2366–0.7634 (Newcombe 1998, table II, method 3 gives the same).
      interval: { low: 24, high: 76 },
    });
  });

  it("refuses a figure registered twice with different values", () => {
    const figures = new FigureSet();
    figures.count("x", 3);
    expect(() => figures.count("x", 4)).toThrow(/registered as 3 and as 4/);
  });
});

describe("a second view of the same data", () => {
  it("a table split into a cohort and the rest, decided with the whole table's decisions fixed, gives nothing away", () => {
    fc.assert(
      fc.property(tables, thresholds, fc.integer({ min: 0, max: 1000 }), (cells, threshold, seed) => {
        // The cohort's share of each cell: a deterministic split from the seed.
        const inside = cells.map((row, r) => row.map((v, c) => Math.min(v, (seed * (r + 3) * (c + 7)) % (v + 1))));
        const rest = cells.map((row, r) => row.map((v, c) => v - (inside[r]?.[c] ?? 0)));
        const whole = crossTable(cells, "all");
        const first = decideSuppression(whole.values, whole.rules, threshold);
        const a = crossTable(inside, "in");
        const b = crossTable(rest, "rest");
        const values = new Map([...whole.values, ...a.values, ...b.values]);
        const rules: SumRule[] = [...whole.rules, ...a.rules, ...b.rules];
        for (const key of whole.values.keys()) rules.push({ total: key, parts: [key.replace(/^all:/, "in:"), key.replace(/^all:/, "rest:")] });
        // Only the cohort's own cells are shown in its view; the rest of the table is never output.
        const unpublished = new Set(b.values.keys());
        let second: Map<string, Decision>;
        try {
          second = decideSuppression(values, rules, threshold, first, unpublished);
        } catch (error) {
          // The cohort's view cannot be protected: the report then withholds it whole (tested in
          // report.server.test.ts), which shows nothing to attack.
          if (error instanceof SuppressionImpossible) return;
          throw error;
        }
        for (const [key, d] of first) expect(second.get(key), key).toBe(d);
        expect(exposedFigures(values, second, rules, threshold, unpublished)).toEqual([]);
        const learnt = subtract({ values, rules }, new Map([...second].map(([k, d]) => [k, unpublished.has(k) ? "secondary" : d])));
        for (const key of hidden(second, values)) if (!unpublished.has(key)) expect(learnt.has(key), `${key} recovered`).toBe(false);
        for (const key of unpublished) {
          const v = values.get(key) ?? 0;
          if (v >= 1 && v <= threshold) expect(learnt.has(key), `${key} (small, never shown) recovered`).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});
