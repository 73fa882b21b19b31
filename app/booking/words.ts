/**
 * How booking words a session's mode to people and staff (client-safe).
 */
export const modeWords = { IN_PERSON: "in person", PHONE: "by phone", VIDEO: "by video" } as const;

export const modeLabel = { IN_PERSON: "In person", PHONE: "Phone", VIDEO: "Video" } as const;

export const statusWords = { BOOKED: "Booked", ATTENDED: "Attended", MISSED: "Missed", CANCELLED: "Cancelled" } as const;

export const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export const exceptionKindLabel = { LEAVE: "Leave", BANK_HOLIDAY: "Bank holiday", OTHER: "Not available" } as const;
