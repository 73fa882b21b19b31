import type {
  AppointmentMode,
  AppointmentStatus,
  AssessmentStage,
  ClosureReason,
  ContactChannel,
  Employment,
  EthnicityGroup,
  Gender,
  NoteKind,
  PersonKind,
  ReferralSource,
  RiskLevel,
  SexualOrientation,
  Specialism,
  StaffRole,
} from "~/generated/prisma/enums";

/** Words staff see for the model's codes. Service users never see these. */
export const roleLabel: Record<StaffRole, string> = {
  WORKER: "Worker",
  CASE_MANAGER: "Case manager",
  MANAGER: "Manager",
  ADMIN: "Administrator",
};

export const specialismLabel: Record<Specialism, string> = {
  ADULT_SURVIVOR_ADVOCATE: "Adult survivor advocate",
  CHILDRENS_CASEWORKER: "Children's caseworker",
  BEHAVIOUR_CHANGE_WORKER: "Behaviour-change worker",
};

export const personKindLabel: Record<PersonKind, string> = {
  ADULT_SURVIVOR: "Adult survivor",
  HARMFUL_BEHAVIOUR: "Service user (behaviour change)",
  YOUNG_PERSON: "Young person",
};

export const referralSourceLabel: Record<ReferralSource, string> = {
  CHILDRENS_SOCIAL_CARE: "Children's social care",
  POLICE: "Police",
  HEALTH: "Health",
  EDUCATION: "Education",
  SELF_REFERRAL: "Self-referral",
  OTHER_DA_SERVICE: "Another domestic abuse service",
  OTHER: "Other",
};

export const genderLabel: Record<Gender, string> = {
  FEMALE: "Female",
  MALE: "Male",
  NON_BINARY: "Non-binary",
  OTHER: "Another gender",
  PREFER_NOT_TO_SAY: "Prefers not to say",
};

export const sexualOrientationLabel: Record<SexualOrientation, string> = {
  HETEROSEXUAL: "Heterosexual",
  GAY_OR_LESBIAN: "Gay or lesbian",
  BISEXUAL: "Bisexual",
  OTHER: "Another orientation",
  PREFER_NOT_TO_SAY: "Prefers not to say",
};

export const ethnicityLabel: Record<EthnicityGroup, string> = {
  WHITE: "White",
  MIXED: "Mixed or multiple ethnic groups",
  ASIAN: "Asian or Asian British",
  BLACK: "Black, Black British, Caribbean or African",
  OTHER: "Another ethnic group",
  PREFER_NOT_TO_SAY: "Prefers not to say",
};

export const employmentLabel: Record<Employment, string> = {
  FULL_TIME: "Employed full time",
  PART_TIME: "Employed part time",
  UNEMPLOYED: "Unemployed",
  STUDENT: "Student",
  NOT_SEEKING_WORK: "Not looking for work",
  OTHER: "Other",
};

export const closureReasonLabel: Record<ClosureReason, string> = {
  COMPLETED: "Support completed",
  DISENGAGED: "Stopped engaging",
  MOVED_AWAY: "Moved away",
  REFERRED_ON: "Referred to another service",
  RISK_ESCALATED: "Risk escalated (handed to another service)",
  OTHER: "Other",
};

export const riskLevelLabel: Record<RiskLevel, string> = { STANDARD: "Standard", MEDIUM: "Medium", HIGH: "High" };

export const assessmentStageLabel: Record<AssessmentStage, string> = { INTAKE: "Intake", REVIEW: "Review", EXIT: "Exit" };

export const noteKindLabel: Record<NoteKind, string> = {
  NOTE: "Note",
  CONTACT: "Contact (call, visit or meeting)",
  CONTACT_ATTEMPT: "Tried to make contact",
};

export const contactChannelLabel: Record<ContactChannel, string> = {
  PHONE_CALL: "Phone call",
  TEXT_MESSAGE: "Text message",
  EMAIL: "E-mail",
  LETTER: "Letter",
  PORTAL_MESSAGE: "Message in the portal",
  IN_PERSON: "In person",
};

export const appointmentModeLabel: Record<AppointmentMode, string> = { IN_PERSON: "In person", PHONE: "Phone", VIDEO: "Video" };

export const appointmentStatusLabel: Record<AppointmentStatus, string> = {
  BOOKED: "Booked",
  CANCELLED: "Cancelled",
  ATTENDED: "Attended",
  MISSED: "Missed",
};
