import type { Prisma } from "~/generated/prisma/client";

/**
 * The fields of a person's own record that staff read about them (name, kind, date of birth,
 * demographics, referral, consent, involvement and why it ended, the page title they chose):
 * what the record page shows and what a subject access export gives back, read by one select so
 * the two cannot drift apart. Relations (family, allocations, answers…) are read by each caller.
 */
export const PERSON_DETAILS = {
  firstName: true,
  lastName: true,
  kind: true,
  dateOfBirth: true,
  gender: true,
  sexualOrientation: true,
  ethnicityGroup: true,
  disability: true,
  employment: true,
  referralSource: true,
  consentMonitoring: true,
  consentRecordedAt: true,
  involvementStartedAt: true,
  involvementEndedAt: true,
  closureReason: true,
  pageTitle: true,
} as const satisfies Prisma.PersonSelect;
