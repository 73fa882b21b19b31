/**
 * Which audit events a person may learn about: the one place that decides, for every kind of
 * event Waypoint writes, whether it appears in what the person sees that is built from the audit
 * trail (the "Staff who opened your record" summary on their account page, the access log of their
 * subject access export, and anything later).
 *
 * Three answers (docs/decisions/023-what-a-person-sees-of-the-audit-trail.md):
 * - `person`: staff (or the person) opening or changing *their* record. Shown to them as it is.
 * - `review`: theirs, but it can say something that must not reach them unread (that a safety
 *   alert was raised, that another record existed and was merged into theirs). Listed in the
 *   subject access export on the list of passages staff read before release; never in the summary.
 * - `nobody`: not an opening of their record, or it would let them infer another case, family or
 *   area. A duplicate check is the example: a case manager elsewhere typed a name matching theirs
 *   while adding someone to *another* family. Never shown to the person; managers still see it in
 *   the service's audit log.
 *
 * `AuditAction` is the list of kinds: `recordAudit` accepts nothing else, so a new kind without a
 * decision here fails the typecheck (and `visibility.test.ts` also reads the source for every kind
 * written).
 */

/** Why an entry goes to review; the subject access export words these for the reviewer. */
export type AuditReviewReason = "safeguarding" | "another-person" | "unknown-kind";

export type AuditVisibility = { to: "person" } | { to: "review"; because: AuditReviewReason } | { to: "nobody" };

const person = { to: "person" } as const;
const safeguarding = { to: "review", because: "safeguarding" } as const;
const anotherPerson = { to: "review", because: "another-person" } as const;
const nobody = { to: "nobody" } as const;

/** Every kind of audit event, with its decision. Keep the comment of each non-obvious one. */
export const AUDIT_ACTIONS = {
  // Staff opening the person's record.
  "person.read": person,
  "person.safe-contact.read": person,
  "person.view-code-page": person,
  "goals.read": person,
  "questionnaire.read": person,
  "questionnaire.worker-part.read": person,
  "person.subject-access-preview": person,
  "person.subject-access-export": person,
  // Staff changing the person's record.
  "person.create": person,
  "person.update": person,
  "person.safe-contact.update": person,
  "person.closed": person,
  "person.issue-code": person,
  "enrolment-code.issue": person,
  "allocation.create": person,
  "allocation.end": person,
  "note.create": person,
  "goals.add": person,
  "goals.close": person,
  "goals.rated": person,
  "questionnaire.assigned": person,
  "questionnaire.withdraw": person,
  "questionnaire.worker-part": person,
  // Booking (decision 034): the person's own appointments, booked, cancelled, moved or marked by
  // them or by staff. The detail holds ids and times only.
  "appointment.book": person,
  "appointment.cancel": person,
  "appointment.move": person,
  "appointment.status": person,
  // A worker's booking for the person refused by the family rule: it says that another member of
  // the family holds a session nearby, so staff read it before it is released.
  "appointment.refused-family-rule": anotherPerson,
  // Messages (decision 036): a worker opening their conversation with the person, sending one,
  // turning replies on or off. The detail holds ids only, never the text.
  "message.read": person,
  "message.send": person,
  "message.replies": person,
  // Retention runs with no one signed in; the person's record is what it changes.
  "person.anonymise": person,
  // The person's own account: their sign-ins, failed tries at their sign-in, their passkeys and PIN.
  "questionnaire.submit": person,
  "signin.pin": person,
  "signin.passkey": person,
  "signin.pin.failed": person,
  "signin.failed": person,
  "enrolment-code.failed": person,
  "passkey.create": person,
  "passkey.remove": person,
  "pin.set": person,
  "account.not-me": person,
  // Proving it is them again before adding a way in (decision 021), and the way in they added.
  "account.confirmed": person,
  "account.new-sign-in-method": person,
  // Someone tried to confirm this session with a passkey of another account held on the same
  // device: it says another account exists on that phone, so staff read it first.
  "account.confirm-refused": anotherPerson,
  // Many failed sign-ins across the whole service (decision 020): about no one person.
  "signin.alarm": nobody,
  // A risk assessment can be of the person's behaviour towards others, and the person is never
  // told that an alert was raised (docs/background/safety-principles.md, "Safety by design"): staff read these first.
  "risk.record": safeguarding,
  "alert.resolve": safeguarding,
  // A passkey whose signature counter went backwards may be a copy: an open security question.
  "passkey.counter-regression": safeguarding,
  // A merge says that another record existed, perhaps in another family or area.
  "person.merge": anotherPerson,
  // Not an opening of the person's record: someone else's look-up that matched their name.
  "person.duplicate-match": nobody,
  // About a family as a whole, never one person; a person's own record has its own events.
  "family.open": nobody,
  "family.read": nobody,
  // The service's own administration: no person is their subject.
  // Sign-in codes for members of staff (decision 021): staff accounts, not a person's record.
  "staff-code.request": nobody,
  "staff-code.release": nobody,
  "staff-code.cancel": nobody,
  "staff-code.sent": nobody,
  "staff-code.not-sent": nobody,
  "staff.create": nobody,
  "staff.update": nobody,
  "service.area.create": nobody,
  "service.team.create": nobody,
  "service.settings.update": nobody,
  "service.sign-in-path.update": nobody,
  "service.rule.create": nobody,
  "service.rule.remove": nobody,
  "service.questionnaires.update": nobody,
  // Outcome data leaving the service: aggregates (suppressed), de-identified records, an import
  // of historical forms. About no one person; the detail holds the filters and row counts only.
  "outcomes.report-csv": nobody,
  "outcomes.records-export": nobody,
  "outcomes.import": nobody,
  // A worker's own availability and the service's venues (decision 034): no person is their subject.
  "availability.rule.create": nobody,
  "availability.rule.end": nobody,
  "availability.slot.create": nobody,
  "availability.slot.withdraw": nobody,
  "availability.exception.create": nobody,
  "availability.exception.remove": nobody,
  "venue.create": nobody,
  // The service's message templates and message settings (decision 036): no person is their subject.
  "message-template.create": nobody,
  "message-template.archive": nobody,
  "service.messages.update": nobody,
  "venue.update": nobody,
} as const satisfies Record<string, AuditVisibility>;

/** A kind of audit event Waypoint writes. */
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The audit action of the sign-in alarm (app/auth/rate-limit.server.ts), which managers see in the audit log. */
export const SIGN_IN_ALARM_ACTION = "signin.alarm" satisfies AuditAction;

function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

/**
 * The decision for a stored `AuditEvent.action`. A kind this version does not know (a row written
 * by an older or newer version during a deploy) goes to review: staff decide, the summary omits it.
 */
export function auditVisibility(action: string): AuditVisibility {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : { to: "review", because: "unknown-kind" };
}

/** The kinds shown to the person as they are: the only ones the access summary may count. */
export const ACTIONS_SHOWN_TO_THE_PERSON: AuditAction[] = Object.entries(AUDIT_ACTIONS).flatMap(([action, decision]) =>
  decision.to === "person" && isAuditAction(action) ? [action] : [],
);

/** The kinds never shown to the person: the subject access export does not even read them. */
export const ACTIONS_KEPT_FROM_THE_PERSON: AuditAction[] = Object.entries(AUDIT_ACTIONS).flatMap(([action, decision]) =>
  decision.to === "nobody" && isAuditAction(action) ? [action] : [],
);
