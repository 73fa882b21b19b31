/**
 * Which PINs are too easy to guess. People choose PINs from a few patterns: a digit or block
 * repeated, a run up or down the digits, a date, a shape on the keypad. Wang, Gu, Huang and Wang,
 * "Understanding Human-Chosen PINs: Characteristics, Distribution and Security", ASIACCS 2017
 * (doi:10.1145/3052973.3053031), found that over half of every 6-digit PIN data set they studied
 * is covered by its 5–8 % most popular PINs, and that such patterns lead them; Bonneau, Preibusch
 * and Anderson, "A birthday present every eleven wallets? The security of customer-chosen banking
 * PINs", Financial Cryptography 2012, found dates in the DDMM/MMDD/YYYY forms to be the largest
 * single group. Waypoint's attacker is online and often knows the person's birthday, so every
 * date form is refused, not only the person's own date.
 *
 * Pure (no server code), so a form could show the same message before sending.
 */

export type WeakPinReason = "repeated" | "sequence" | "date" | "common";

/** What the person is told for each reason: what to avoid, in plain words. */
export const WEAK_PIN_MESSAGES: Record<WeakPinReason, string> = {
  repeated: "Don't repeat the same digit or group of digits, like 111111 or 121212",
  sequence: "Don't use digits that go up or down in steps, like 123456 or 975310",
  date: "Don't use a date, like a birthday: someone who knows you could guess it",
  common: "That PIN is one of the most often chosen: pick one that is harder to guess",
};

/**
 * Shapes on a phone or cash-machine keypad (lines, crosses and zig-zags: 159753, the "X", is
 * among the most chosen 6-digit codes in N. Berry, "PIN analysis", DataGenetics, 2012) and pairs
 * counted up or down, which the rules below do not already catch. Repeats (696969, 007007, also
 * in Berry's list), runs and mirror images (abccba) are refused by rule, not listed.
 */
const COMMON_PINS = new Set([
  "147258",
  "258369",
  "147369",
  "369258",
  "963852",
  "852741",
  "741852",
  "369147",
  "159753",
  "951753",
  "753951",
  "357159",
  "159357",
  "753159",
  "789456",
  "456123",
  "321654",
  "654987",
  "123789",
  "789123",
  "987321",
  "321987",
  "147852",
  "258963",
  "123654",
  "852456",
  "456852",
  "142536",
  "102030",
  "112233",
  "332211",
  "445566",
  "778899",
  "998877",
  "5201314",
]);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDay(day: number, month: number) {
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Whether a string of digits reads as a date in a form people write: 6 digits as DDMMYY, MMDDYY
 * or YYMMDD (any two-digit year); 8 digits as DDMMYYYY, MMDDYYYY or YYYYMMDD (years 1900–2099).
 * 29 February counts in any year (a person would not check for a leap year either).
 */
export function isDatePin(pin: string): boolean {
  if (!/^\d+$/.test(pin)) return false;
  const n = (from: number, to: number) => Number(pin.slice(from, to));
  if (pin.length === 6) {
    return isDay(n(0, 2), n(2, 4)) || isDay(n(2, 4), n(0, 2)) || isDay(n(4, 6), n(2, 4));
  }
  if (pin.length === 8) {
    const yearAtEnd = n(4, 8) >= 1900 && n(4, 8) <= 2099;
    const yearAtStart = n(0, 4) >= 1900 && n(0, 4) <= 2099;
    return (yearAtEnd && (isDay(n(0, 2), n(2, 4)) || isDay(n(2, 4), n(0, 2)))) || (yearAtStart && isDay(n(6, 8), n(4, 6)));
  }
  return false;
}

/**
 * Whether the digits step up or down by the same amount each time, counting round past 9
 * (123456, 654321, 890123, 135791, 975310 stepping by 2 or 3 as well): every arithmetic run
 * modulo 10. A step of 0 is a repeated digit, reported as "repeated" instead.
 */
export function isSequencePin(pin: string): boolean {
  if (!/^\d{3,}$/.test(pin)) return false;
  const digits = [...pin].map(Number);
  const step = ((digits[1] ?? 0) - (digits[0] ?? 0) + 10) % 10;
  if (step === 0) return false;
  return digits.every((d, i) => i === 0 || (d - (digits[i - 1] ?? 0) + 10) % 10 === step);
}

/** The whole PIN is one shorter block said again and again (111111, 121212, 123123, 12341234). */
export function isRepeatedPin(pin: string): boolean {
  return /^(.+)\1+$/su.test(pin);
}

/** Why a chosen PIN is too easy to guess, or null when it is acceptable. */
export function weakPinReason(pin: string): WeakPinReason | null {
  if (isRepeatedPin(pin)) return "repeated";
  if (isSequencePin(pin)) return "sequence";
  if (isDatePin(pin)) return "date";
  const mirrored = pin.length % 2 === 0 && /^\d+$/.test(pin) && [...pin].reverse().join("") === pin;
  if (COMMON_PINS.has(pin) || mirrored) return "common";
  return null;
}
