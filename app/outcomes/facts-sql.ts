import { FACTS, type Fact } from "./measures";

/**
 * The per-person facts (app/outcomes/measures.ts `FACTS`) as the database stores them, typed, on a
 * person's "OutcomeAnswers" row (decision 038): every true/false fact in `flags` (boolean[]), every
 * number in `numbers` (float8[]), every choice in `choices` (text[]), each at the position this
 * module gives it. The database computes the three arrays from the person's gathered answers with
 * three SQL functions whose bodies this module writes; a migration installs them, and
 * facts-sql.server.test.ts fails when `FACTS` and the installed functions disagree (a fact was
 * added or changed without a migration). Nothing here runs a query.
 */

export type FactColumn = "flags" | "numbers" | "choices";

/** The array a fact is stored in. */
export function columnOf(fact: Fact): FactColumn {
  switch (fact.kind) {
    case "yes":
    case "answered":
    case "has":
      return "flags";
    case "number":
    case "mean":
      return "numbers";
    case "choice":
      return "choices";
  }
}

/** Each fact's place: its array and its 1-based position in it, in `FACTS` order. */
export function factPlaces(): { fact: Fact; column: FactColumn; index: number }[] {
  const next: Record<FactColumn, number> = { flags: 0, numbers: 0, choices: 0 };
  return FACTS.map((fact) => {
    const column = columnOf(fact);
    next[column] += 1;
    return { fact, column, index: next[column] };
  });
}

/** A SQL string literal (the keys are ours, but quoted properly all the same). */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** One fact read out of `j`, the person's answers keyed "STAGE:item" (numbers as numbers, choices as arrays). */
function factExpression(fact: Fact): string {
  const key = (item: string) => literal(`${fact.stage}:${item}`);
  // A number only where the answer is one: this runs inside every submit, which must never fail on it.
  const number = (item: string) => `(CASE WHEN jsonb_typeof(j -> ${key(item)}) = 'number' THEN (j ->> ${key(item)})::float8 END)`;
  switch (fact.kind) {
    case "yes":
      return `COALESCE(j -> ${key(fact.item)} ->> 0 = 'yes', false)`;
    case "answered":
      return `COALESCE(j ? ${key(fact.item)}, false)`;
    case "number":
      return number(fact.item);
    case "choice":
      return `j -> ${key(fact.item)} ->> 0`;
    case "has":
      return `COALESCE((j -> ${key(fact.item)}) ? ${literal(fact.value)}, false)`;
    case "mean": {
      const values = fact.items.map(number);
      const answered = `num_nonnulls(${values.join(", ")})`;
      return `CASE WHEN ${answered} >= ${fact.atLeast} THEN (${values.map((v) => `COALESCE(${v}, 0)`).join(" + ")}) / ${answered} END`;
    }
  }
}

const FUNCTIONS: Record<FactColumn, { name: string; type: string }> = {
  flags: { name: "waypoint_outcome_flags", type: "boolean[]" },
  numbers: { name: "waypoint_outcome_numbers", type: "float8[]" },
  choices: { name: "waypoint_outcome_choices", type: "text[]" },
};

/**
 * The body of each function as PostgreSQL keeps it (`pg_proc.prosrc`), for the test that compares
 * them with what is installed.
 */
export function factFunctionBodies(): { name: string; column: FactColumn; body: string }[] {
  const places = factPlaces();
  return (Object.keys(FUNCTIONS) as FactColumn[]).map((column) => {
    const mine = places.filter((p) => p.column === column);
    const lines = mine.map((p, i) => `    ${factExpression(p.fact)}${i < mine.length - 1 ? "," : ""} -- ${p.index} ${p.fact.name}`);
    return { name: FUNCTIONS[column].name, column, body: `\n  SELECT ARRAY[\n${lines.join("\n")}\n  ]::${FUNCTIONS[column].type}\n` };
  });
}

/**
 * The SQL a migration runs when `FACTS` changes: the three functions replaced, then every row
 * refreshed. Print it with `npx tsx scripts/outcome-facts-sql.ts`.
 */
export function factFunctionsSql(): string {
  const functions = factFunctionBodies().map(
    ({ name, column, body }) =>
      `CREATE OR REPLACE FUNCTION ${name}(j jsonb) RETURNS ${FUNCTIONS[column].type}\nLANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$${body}$$;`,
  );
  return `${functions.join("\n\n")}\n`;
}
