import type {
  AlertKind,
  AssessmentStage,
  AssignmentStatus,
  ClosureReason,
  Employment,
  EthnicityGroup,
  Gender,
  NoteKind,
  QuestionnaireStage,
  ReferralSource,
  SessionEndReason,
  SexualOrientation,
  Specialism,
} from "~/generated/prisma/enums";

// The export's own words where they differ from the console's: it is written to be read by the
// person after review, so it says "Prefer not to say" where the console says "Prefers not to say".
// Where the words are the same, the console's labels are used.

export const genderWords: Record<Gender, string> = {
  FEMALE: "Female",
  MALE: "Male",
  NON_BINARY: "Non-binary",
  OTHER: "Another gender",
  PREFER_NOT_TO_SAY: "Prefer not to say",
};
export const orientationWords: Record<SexualOrientation, string> = {
  HETEROSEXUAL: "Heterosexual",
  GAY_OR_LESBIAN: "Gay or lesbian",
  BISEXUAL: "Bisexual",
  OTHER: "Another orientation",
  PREFER_NOT_TO_SAY: "Prefer not to say",
};
export const ethnicityWords: Record<EthnicityGroup, string> = {
  WHITE: "White",
  MIXED: "Mixed or multiple ethnic groups",
  ASIAN: "Asian or Asian British",
  BLACK: "Black, Black British, Caribbean or African",
  OTHER: "Another ethnic group",
  PREFER_NOT_TO_SAY: "Prefer not to say",
};
export const employmentWords: Record<Employment, string> = {
  FULL_TIME: "Working full time",
  PART_TIME: "Working part time",
  UNEMPLOYED: "Unemployed",
  STUDENT: "Student",
  NOT_SEEKING_WORK: "Not looking for work",
  OTHER: "Other",
};
export const referralWords: Record<ReferralSource, string> = {
  CHILDRENS_SOCIAL_CARE: "Children's social care",
  POLICE: "Police",
  HEALTH: "Health",
  EDUCATION: "Education",
  SELF_REFERRAL: "Self-referral",
  OTHER_DA_SERVICE: "Another support service",
  OTHER: "Other",
};
export const closureWords: Record<ClosureReason, string> = {
  COMPLETED: "Support completed",
  DISENGAGED: "Stopped coming",
  MOVED_AWAY: "Moved away",
  REFERRED_ON: "Referred to another service",
  RISK_ESCALATED: "Passed to another service",
  OTHER: "Other",
};
export const specialismWords: Record<Specialism, string> = {
  ADULT_SURVIVOR_ADVOCATE: "Adult support worker",
  CHILDRENS_CASEWORKER: "Children's caseworker",
  BEHAVIOUR_CHANGE_WORKER: "Behaviour-change worker",
};
export const assessmentStageWords: Record<AssessmentStage, string> = { INTAKE: "At the start", REVIEW: "Review", EXIT: "At the end" };
export const noteKindWords: Record<NoteKind, string> = {
  NOTE: "Note",
  CONTACT: "Contact (a call, visit or meeting)",
  CONTACT_ATTEMPT: "Tried to make contact",
};
export const questionnaireStageWords: Record<QuestionnaireStage, string> = {
  INTAKE: "At the start",
  CHECK_IN: "Check-in",
  REFLECTION: "Reflection",
  EXIT: "At the end",
  GOALS: "Goals",
};
export const assignmentStatusWords: Record<AssignmentStatus, string> = {
  ASSIGNED: "Not started",
  IN_PROGRESS: "Started",
  SUBMITTED: "Sent",
  CLOSED: "Closed",
};
export const alertWords: Record<AlertKind, string> = {
  SAFETY_ANSWER: "An answer to a questionnaire was passed to the worker to follow up",
  NOT_ME: '"This wasn\'t me" was pressed on the sign-in list',
  NEW_SIGN_IN_METHOD: "A new way to sign in was added to the account",
};
export const endReasonWords: Record<SessionEndReason, string> = {
  SIGNED_OUT: "Signed out",
  QUICK_EXIT: "Quick exit",
  SIGNED_OUT_EVERYWHERE: "Signed out everywhere",
  NOT_ME: '"This wasn\'t me"',
  NEW_ENROLMENT: "A new sign-in code was issued",
  EXPIRED: "Timed out",
};
/** Session.method is a free string column; unknown values are shown as they are. */
export const methodWords: Record<string, string> = {
  passkey: "Passkey",
  pin: "PIN or passphrase",
  enrolment: "Sign-in code",
  development: "Development sign-in",
};
