import type { RegisterPart } from "~/person-data/rules";

/** The service's set-up and its staff, in the person-data register (app/person-data/register.server.ts): none is a service user's data. */
export const serviceData = {
  Service: { holds: "nothing", note: "The organisation and its settings." },
  Area: { holds: "nothing", note: "An area the service covers." },
  Team: { holds: "nothing", note: "A team of staff." },
  StaffMember: {
    holds: "nothing",
    note: "Staff members' own data, not a service user's. A worker's display name appears in a person's export only as who did something.",
  },
  StaffCodeRequest: {
    holds: "nothing",
    note: "An administrator's request for a member of staff's sign-in code (decision 021): staff accounts only.",
  },
} satisfies RegisterPart<"Service" | "Area" | "Team" | "StaffMember" | "StaffCodeRequest">;
