import type { ReviewMarks, ReviewReason, ReviewEntry, SectionKey } from "./shape";

/**
 * Relationship words that point at a family member without naming them: the list the service
 * asked for, their plurals, and a few everyday variants. Over-flagging costs a reviewer a few
 * seconds; a missed mention can put someone at risk, so the list errs wide.
 */
export const RELATIONSHIP_WORDS = [
  "partner",
  "partners",
  "ex",
  "exes",
  "husband",
  "husbands",
  "wife",
  "wives",
  "boyfriend",
  "boyfriends",
  "girlfriend",
  "girlfriends",
  "fiance",
  "fiancé",
  "fiancee",
  "fiancée",
  "spouse",
  "son",
  "sons",
  "daughter",
  "daughters",
  "child",
  "children",
  "kid",
  "kids",
  "baby",
  "babies",
  "mum",
  "mums",
  "mom",
  "moms",
  "mam",
  "mother",
  "mothers",
  "dad",
  "dads",
  "father",
  "fathers",
  "brother",
  "brothers",
  "sister",
  "sisters",
  "stepdad",
  "stepdads",
  "stepmum",
  "stepmums",
  "stepfather",
  "stepmother",
  "stepson",
  "stepdaughter",
  "nan",
  "nans",
  "nana",
  "gran",
  "grandma",
  "grandmother",
  "grandad",
  "grandads",
  "granddad",
  "grandfather",
  "aunt",
  "auntie",
  "uncle",
  "cousin",
] as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A term as a pattern: any run of spaces matches a space, either apostrophe matches an apostrophe. */
function termPattern(term: string): string {
  return escapeRegExp(term).replace(/\s+/g, "\\s+").replace(/['’]/g, "['’]");
}

/**
 * Whole words only, in any letters: a letter or digit on either side means the term is part of a
 * longer word (so "Hall" is not found in "hallway", nor "ex" in "next"), while an apostrophe or a
 * hyphen ends a word ("Sam's", "ex-partner").
 */
function wholeWords(terms: Iterable<string>): RegExp | null {
  const unique = [...new Set([...terms].map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))];
  if (unique.length === 0) return null;
  // Longest first, so "stepdad" wins over "dad" where both could start at one place.
  unique.sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.map(termPattern).join("|")})(?![\\p{L}\\p{N}])`, "giu");
}

/** A family member's name as terms: the whole name, and each part of a double name of two letters or more. */
function nameTerms(name: string): string[] {
  const whole = name.trim();
  if (!whole) return [];
  return [whole, ...whole.split(/[\s-]+/).filter((part) => part.length >= 2)];
}

export type MentionFinder = (text: string) => string[];

/**
 * Finds, in a passage, the first and last names of the other people given and every relationship
 * word. Returns each word found once, as it is written in the passage.
 */
export function mentionFinder(otherPeople: { firstName: string; lastName: string }[]): MentionFinder {
  const pattern = wholeWords([...otherPeople.flatMap((p) => [...nameTerms(p.firstName), ...nameTerms(p.lastName)]), ...RELATIONSHIP_WORDS]);
  return (text) => {
    if (!pattern) return [];
    const seen = new Map<string, string>();
    for (const match of text.matchAll(pattern)) {
      const key = match[0].toLowerCase();
      if (!seen.has(key)) seen.set(key, match[0]);
    }
    return [...seen.values()];
  };
}

/** Splits a passage into plain runs and the mentioned words, for highlighting in the HTML. */
export function splitOnMentions(text: string, mentions: string[]): { text: string; mentioned: boolean }[] {
  const pattern = wholeWords(mentions);
  if (!pattern) return [{ text, mentioned: false }];
  const parts: { text: string; mentioned: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (at > last) parts.push({ text: text.slice(last, at), mentioned: false });
    parts.push({ text: match[0], mentioned: true });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mentioned: false });
  return parts;
}

/** Collects review entries in document order while the sections are built. */
export class ReviewList {
  readonly passages: ReviewEntry[] = [];
  constructor(private readonly find: MentionFinder) {}

  /**
   * Marks a record: scans its free text, and puts it on the review list when something was found
   * or when `always` gives a reason that needs no word to match.
   */
  mark(
    texts: (string | null)[],
    place: { anchor: string; section: SectionKey; index: number; where: string; date: string | null },
    always?: Exclude<ReviewReason, "mentions">,
  ): ReviewMarks {
    const found = new Map<string, string>();
    for (const text of texts) {
      for (const word of text ? this.find(text) : []) {
        if (!found.has(word.toLowerCase())) found.set(word.toLowerCase(), word);
      }
    }
    const mentions = [...found.values()];
    const reason: ReviewReason | null = always ?? (mentions.length > 0 ? "mentions" : null);
    if (reason) this.passages.push({ ...place, reason, mentions });
    return { anchor: place.anchor, needsReview: reason !== null, mentions };
  }
}
