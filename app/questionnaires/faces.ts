/** The five faces of a `faces` item, saddest (1) to happiest (5), as a screen reader and the check page say them. */
export const FACE_WORDS: Record<number, string> = { 1: "Very sad face", 2: "Sad face", 3: "In-between face", 4: "Happy face", 5: "Very happy face" };
export const FACE_VALUES = [1, 2, 3, 4, 5] as const;
