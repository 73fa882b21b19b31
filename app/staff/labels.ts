import type { PersonKind, Specialism, StaffRole } from "~/generated/prisma/enums";

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
