/**
 * Small-number suppression: the one module every outcome figure passes through before it leaves
 * the server (report page, chart, CSV, JSON). docs/outcomes.md §Suppression explains the rules;
 * in short:
 *
 * - **Primary**: a count from 1 up to the service's threshold T is shown as "<T+1" ("<5").
 *   Zero is shown ("nobody" identifies no one) unless it must be hidden to protect a neighbour;
 *   then it too is shown as "<T+1", which is true of it, so an attacker knows a "<5" cell holds 0–T.
 * - **Secondary**: a report is a system of figures tied by sums (the parts of a breakdown add up
 *   to its total; "has X" and "does not have X" add up to the group). After primary suppression
 *   an attacker who knows every shown figure, that a "<5" cell holds 0–T and that a withheld cell
 *   holds more than T, narrows every hidden figure to an interval by subtraction across every
 *   sum it is in, repeatedly. While any hidden figure narrows to a single value, one more figure
 *   in a sum it is in is hidden (a zero part, else the smallest shown part, else the sum's total). The
 *   attacker is `exposedFigures`, exported so the property test uses the same one.
 * - The same figure in two sections is one figure (one key), so it is hidden in both or neither;
 *   figures of the rest of the service beside a filtered view are entered as sums too (see
 *   report.server.ts), so a filtered figure cannot be worked out from the whole service's.
 * - **Percentages** only on a shown numerator over a shown denominator of at least 10, always
 *   with n; a 95% Wilson interval when the service asks for it.
 *
 * Complementary suppression by interval propagation is the classic "audit by subtraction";
 * it is weaker than a full linear-programming audit on large cross-tables. Waypoint's tables are
 * one- and two-way breakdowns with margins, where it is exact enough; the property test checks it.
 */

/** What one figure became: its count, "<N", or withheld to protect another figure. */
export type Shown = { kind: "count"; n: number } | { kind: "small"; below: number } | { kind: "withheld" };

export type Decision = "shown" | "primary" | "secondary";

/** `total` is the sum of `parts` (every figure named by its key). */
export type SumRule = { total: string; parts: string[] };

/** What the attacker can know of one figure: the closed interval [lo, hi] (hi may be Infinity). */
type Interval = { lo: number; hi: number };

/** The smallest threshold suppression accepts: with 1, "<2" would tell that a count is exactly 1. */
export const MIN_THRESHOLD = 2;

/**
 * The intervals an attacker can narrow each figure to, by subtraction across every sum,
 * repeated until nothing changes. Returns the keys of figures that give something away:
 * a hidden published figure (not zero) narrowed to one value, or an unpublished one (never
 * output, e.g. "the people who do not have X") narrowed to a small value 1..T.
 *
 * @param values every figure's true count (keys as in `rules`)
 * @param decisions each figure's decision; figures without one count as shown
 * @param threshold T: a "small" figure holds 0..T as far as anyone can tell, a withheld one more than T
 * @param unpublished figures no output shows: the attacker starts knowing nothing of them
 */
export function exposedFigures(
  values: ReadonlyMap<string, number>,
  decisions: ReadonlyMap<string, Decision>,
  rules: readonly SumRule[],
  threshold: number,
  unpublished: ReadonlySet<string> = new Set(),
): string[] {
  const known = new Map<string, Interval>();
  for (const [key, value] of values) {
    const decision = decisions.get(key) ?? "shown";
    known.set(
      key,
      unpublished.has(key)
        ? { lo: 0, hi: Infinity }
        : decision === "shown"
          ? { lo: value, hi: value }
          : decision === "primary"
            ? { lo: 0, hi: threshold }
            : { lo: threshold + 1, hi: Infinity },
    );
  }
  const get = (key: string): Interval => {
    const found = known.get(key);
    if (!found) throw new Error(`Suppression: the figure "${key}" is in a sum but has no value.`);
    return found;
  };
  let changed = true;
  for (let pass = 0; changed && pass < 1000; pass++) {
    changed = false;
    for (const rule of rules) {
      const parts = rule.parts.map(get);
      const total = get(rule.total);
      const sumLo = parts.reduce((s, p) => s + p.lo, 0);
      const sumHi = parts.reduce((s, p) => s + p.hi, 0);
      changed = narrow(total, sumLo, sumHi) || changed;
      parts.forEach((part, i) => {
        const othersLo = sumLo - part.lo;
        // Infinity - Infinity is NaN: with another unbounded part, this part has no upper limit from here.
        const othersHi = parts.reduce((s, p, j) => (j === i ? s : s + p.hi), 0);
        changed = narrow(part, total.lo - othersHi, total.hi - othersLo) || changed;
      });
    }
  }
  const exposed: string[] = [];
  for (const [key, interval] of known) {
    // A hidden zero worked out as zero tells that nobody is there, which identifies no one; it is
    // still used above to narrow its neighbours.
    if (interval.lo !== interval.hi) continue;
    const value = values.get(key) ?? 0;
    if (unpublished.has(key) ? value >= 1 && value <= threshold : (decisions.get(key) ?? "shown") !== "shown" && value > 0) exposed.push(key);
  }
  return exposed;
}

function narrow(interval: Interval, lo: number, hi: number): boolean {
  let changed = false;
  if (lo > interval.lo) {
    interval.lo = lo;
    changed = true;
  }
  if (hi < interval.hi) {
    interval.hi = hi;
    changed = true;
  }
  return changed;
}

/**
 * No choice of figures to hide protects these: every figure tied to them is hidden already, or was
 * published in another view and cannot change. The caller withholds the whole output instead.
 */
export class SuppressionImpossible extends Error {
  constructor(readonly exposed: string[]) {
    super(`Suppression cannot protect ${exposed.slice(0, 5).join(", ")}${exposed.length > 5 ? "…" : ""}.`);
  }
}

/**
 * Decides, for every figure, whether it is shown, hidden as small (primary) or withheld to protect
 * a small one (secondary), so that no hidden figure can be worked out (see `exposedFigures`).
 *
 * @param values every figure's true count, by key (non-negative integers)
 * @param rules the sums the figures are tied by; every key they name must be in `values`
 * @param threshold T ≥ 2: counts 1..T are small
 * @param fixed decisions already published elsewhere (another view of the same data): kept as they
 *   are, and known to the attacker, so only the other figures are hidden to protect
 * @returns a decision per key of `values`
 * @throws Error when a rule names a figure without a value, or a value is not a non-negative integer;
 *   SuppressionImpossible when nothing left to hide would protect an exposed figure
 */
export function decideSuppression(
  values: ReadonlyMap<string, number>,
  rules: readonly SumRule[],
  threshold: number,
  fixed: ReadonlyMap<string, Decision> = new Map(),
  unpublished: ReadonlySet<string> = new Set(),
): Map<string, Decision> {
  if (!Number.isInteger(threshold) || threshold < MIN_THRESHOLD) throw new Error(`Suppression threshold must be a whole number of at least ${MIN_THRESHOLD}.`);
  const decisions = new Map<string, Decision>();
  for (const [key, value] of values) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`Suppression: "${key}" is ${value}, not a count.`);
    decisions.set(key, fixed.get(key) ?? (value >= 1 && value <= threshold ? "primary" : "shown"));
  }
  const rulesOf = new Map<string, SumRule[]>();
  for (const rule of rules) {
    for (const key of [rule.total, ...rule.parts]) {
      if (!values.has(key)) throw new Error(`Suppression: the figure "${key}" is in a sum but has no value.`);
      rulesOf.set(key, [...(rulesOf.get(key) ?? []), rule]);
    }
  }
  // Figures tied by no sum, directly or through others, cannot give each other away: each group
  // of tied figures is decided on its own, so a round looks only at the figures it can change.
  for (const component of tiedGroups(values, rules)) decideTied(component, values, decisions, rulesOf, threshold, fixed, unpublished);
  return decisions;
}

/**
 * Decides one group of tied figures in place (see `decideSuppression`): while the attacker can
 * work out a hidden figure, hides one more. Each round withholds one more figure, so this ends: at
 * worst every non-zero figure is hidden.
 * @throws SuppressionImpossible when nothing left to hide would protect an exposed figure
 */
function decideTied(
  component: { values: Map<string, number>; rules: SumRule[] },
  values: ReadonlyMap<string, number>,
  decisions: Map<string, Decision>,
  rulesOf: ReadonlyMap<string, SumRule[]>,
  threshold: number,
  fixed: ReadonlyMap<string, Decision>,
  unpublished: ReadonlySet<string>,
): void {
  for (;;) {
    const exposed = exposedFigures(component.values, decisions, component.rules, threshold, unpublished);
    if (exposed.length === 0) return;
    // Hiding a figure nobody is shown changes nothing: only published figures are candidates.
    const locked = (key: string) => fixed.has(key) || unpublished.has(key);
    const next = complementFor(exposed, values, decisions, rulesOf, locked);
    // Nothing left to hide next to the exposed figures: widen to everything they are tied to.
    const chosen = next ?? widenFrom(exposed, values, decisions, rulesOf, locked);
    if (!chosen) throw new SuppressionImpossible(exposed);
    hide(decisions, values, chosen, threshold);
  }
}

/** The figures split into groups tied together by sums (union–find), each with its values and sums. */
function tiedGroups(values: ReadonlyMap<string, number>, rules: readonly SumRule[]): { values: Map<string, number>; rules: SumRule[] }[] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(key, root);
    return root;
  };
  for (const rule of rules) for (const part of rule.parts) parent.set(find(part), find(rule.total));
  const groups = new Map<string, { values: Map<string, number>; rules: SumRule[] }>();
  for (const rule of rules) {
    const root = find(rule.total);
    const group = groups.get(root) ?? { values: new Map<string, number>(), rules: [] as SumRule[] };
    group.rules.push(rule);
    groups.set(root, group);
  }
  // Each group's figures in the order they were registered, so the figures hidden are those the
  // whole system would have chosen: the attack lists exposed figures in that order.
  for (const [key, value] of values) if (parent.has(key)) groups.get(find(key))?.values.set(key, value);
  return [...groups.values()];
}

/** A zero hidden to protect a neighbour is shown as "<N", which is true of it; a larger count is withheld. */
function hide(decisions: Map<string, Decision>, values: ReadonlyMap<string, number>, key: string, threshold: number): void {
  decisions.set(key, (values.get(key) ?? 0) <= threshold ? "primary" : "secondary");
}

/**
 * The figure to hide next beside one of the exposed figures, the one whose hiding costs readers
 * least: a shown zero part (it becomes "<N"), else the smallest shown part, else a total.
 */
function complementFor(
  exposed: string[],
  values: ReadonlyMap<string, number>,
  decisions: ReadonlyMap<string, Decision>,
  rulesOf: ReadonlyMap<string, SumRule[]>,
  locked: (key: string) => boolean,
): string | null {
  for (const key of exposed) {
    let best: { key: string; rank: [number, number] } | null = null;
    for (const rule of rulesOf.get(key) ?? []) {
      for (const candidate of [...rule.parts, rule.total]) {
        if (decisions.get(candidate) !== "shown" || locked(candidate)) continue;
        const value = values.get(candidate) ?? 0;
        const rank: [number, number] = [candidate === rule.total ? 1 : 0, value];
        if (!best || rank[0] < best.rank[0] || (rank[0] === best.rank[0] && rank[1] < best.rank[1])) best = { key: candidate, rank };
      }
    }
    if (best) return best.key;
  }
  return null;
}

/** Any shown figure reachable from the exposed ones through shared sums, nearest first. */
function widenFrom(
  exposed: string[],
  values: ReadonlyMap<string, number>,
  decisions: ReadonlyMap<string, Decision>,
  rulesOf: ReadonlyMap<string, SumRule[]>,
  locked: (key: string) => boolean,
): string | null {
  const seen = new Set(exposed);
  const queue = [...exposed];
  while (queue.length > 0) {
    const key = queue.shift() as string;
    for (const rule of rulesOf.get(key) ?? []) {
      for (const next of [...rule.parts, rule.total]) {
        if (seen.has(next)) continue;
        seen.add(next);
        if (decisions.get(next) === "shown" && !locked(next)) return next;
        queue.push(next);
      }
    }
  }
  return null;
}

/**
 * A set of figures being built for one output. Every count of a report is registered here with a
 * key, and every sum tying them; `finish` runs `decideSuppression` once over all of them, so a
 * figure that appears in two sections (one key) gets one decision.
 */
export class FigureSet {
  private readonly values = new Map<string, number>();
  private readonly rules: SumRule[] = [];
  private readonly unpublished = new Set<string>();

  /**
   * Registers a count. The same key registered twice must carry the same value (it is the same
   * figure in two places).
   * @throws Error when the key is already registered with another value
   */
  count(key: string, value: number, options: { published?: boolean } = {}): string {
    const earlier = this.values.get(key);
    if (earlier !== undefined && earlier !== value) throw new Error(`Figure "${key}" registered as ${earlier} and as ${value}.`);
    this.values.set(key, value);
    if (options.published === false) this.unpublished.add(key);
    return key;
  }

  /**
   * A registered figure's true value, for building further figures from it; never for output.
   * @throws Error for a key never registered
   */
  valueOf(key: string): number {
    const value = this.values.get(key);
    if (value === undefined) throw new Error(`Figure "${key}" was never registered.`);
    return value;
  }

  /** Registers `total = sum(parts)`; the keys must be registered (before `finish`). */
  sum(total: string, parts: string[]): void {
    this.rules.push({ total, parts });
  }

  /**
   * Registers "k of n have it" as two figures tied by a sum: `key` (k) and `key:not` (n − k), so
   * that a small group who do not have it is protected too.
   * @throws Error when k > n
   */
  share(key: string, k: number, totalKey: string, n: number): string {
    if (k > n) throw new Error(`Figure "${key}" is ${k}, more than its total ${n}.`);
    this.count(key, k);
    this.count(totalKey, n);
    this.count(`${key}:not`, n - k, { published: false });
    this.sum(totalKey, [key, `${key}:not`]);
    return key;
  }

  /**
   * Decides every figure's suppression and returns what may be shown.
   * @param fixed decisions of figures already published in another view (see `decideSuppression`)
   */
  finish(threshold: number, fixed?: ReadonlyMap<string, Decision>): SuppressedFigures {
    return new SuppressedFigures(this.values, decideSuppression(this.values, this.rules, threshold, fixed, this.unpublished), threshold, this.unpublished);
  }
}

/** The outcome of suppression: the only way a figure reaches an output. */
export class SuppressedFigures {
  constructor(
    private readonly values: ReadonlyMap<string, number>,
    private readonly decisions: ReadonlyMap<string, Decision>,
    readonly threshold: number,
    private readonly unpublished: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * What may be shown of a figure.
   * @throws Error for a key never registered (a programming error, not bad input)
   */
  shown(key: string): Shown {
    const value = this.values.get(key);
    const decision = this.decisions.get(key);
    if (value === undefined || decision === undefined) throw new Error(`Figure "${key}" was never registered.`);
    if (this.unpublished.has(key)) throw new Error(`Figure "${key}" is not for output.`);
    if (decision === "shown") return { kind: "count", n: value };
    return decision === "primary" ? { kind: "small", below: this.threshold + 1 } : { kind: "withheld" };
  }

  /** A percentage of `numerator` over `denominator`, with its n (see `percentage`). */
  percent(numerator: string, denominator: string, options: { interval?: boolean } = {}): Percentage {
    return percentage(this.shown(numerator), this.shown(denominator), options);
  }

  /** One figure's decision (undefined for a key never registered). */
  decision(key: string): Decision | undefined {
    return this.decisions.get(key);
  }

  /** Every decision, to fix them when another view of the same data is suppressed. */
  allDecisions(): ReadonlyMap<string, Decision> {
    return this.decisions;
  }
}

/** Percentages need a denominator of at least this many people. */
export const MIN_PERCENT_DENOMINATOR = 10;

export type Percentage =
  | { kind: "percent"; percent: number; k: number; n: number; interval?: { low: number; high: number } }
  | { kind: "none"; reason: "hidden" | "small-denominator" | "no-one" };

/**
 * k out of n as a whole percentage, only when both are shown and n ≥ 10; with `interval`, the
 * 95% Wilson score interval as whole percentages.
 */
export function percentage(numerator: Shown, denominator: Shown, options: { interval?: boolean } = {}): Percentage {
  if (numerator.kind !== "count" || denominator.kind !== "count") return { kind: "none", reason: "hidden" };
  const k = numerator.n;
  const n = denominator.n;
  if (n === 0) return { kind: "none", reason: "no-one" };
  if (n < MIN_PERCENT_DENOMINATOR) return { kind: "none", reason: "small-denominator" };
  const result: Percentage = { kind: "percent", percent: Math.round((100 * k) / n), k, n };
  if (options.interval) {
    const { low, high } = wilson(k, n);
    result.interval = { low: Math.round(100 * low), high: Math.round(100 * high) };
  }
  return result;
}

/**
 * The Wilson score interval for a proportion k/n at 95% (z = 1.96), as fractions 0–1.
 * Source: Wilson (1927), JASA 22:209; the form in Newcombe (1998), Stat Med 17:857, method 3.
 */
export function wilson(k: number, n: number, z = 1.959964): { low: number; high: number } {
  if (n <= 0) throw new Error("Wilson interval needs n > 0.");
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** A shown figure in words: "12", "<5", "withheld". */
export function shownText(shown: Shown): string {
  if (shown.kind === "count") return String(shown.n);
  return shown.kind === "small" ? `<${shown.below}` : "withheld";
}

/** A percentage in words: "40% (n=25)", with " (95% CI 21–61%)"; "" when not shown. */
export function percentText(p: Percentage): string {
  if (p.kind !== "percent") return "";
  return `${p.percent}% (n=${p.n})${p.interval ? `, 95% CI ${p.interval.low}–${p.interval.high}%` : ""}`;
}
