import { createHmac } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { Prisma } from "~/generated/prisma/client";
import { describeDevice } from "./device";
import { completeEnrolment, readEnrolment, type Principal } from "./enrolment.server";
import { getViewer, principalOf, type Viewer } from "./session.server";
import { alertNewSignInMethod } from "./account.server";
import { hasRecentProof, stepUpRequiredBody } from "./step-up.server";
import { appCookie } from "./cookies.server";

/**
 * Passkeys (WebAuthn) for people and staff, built on @simplewebauthn/server.
 *
 * Threat model (docs/background/safety-principles.md): the person harming a survivor may hold the survivor's phone and
 * open its passkey manager. So everything the phone stores is neutral: the relying-party name and
 * the account name are WAYPOINT_PASSKEY_NAME ("Appointments"), never the person's name nor the
 * service's kind, and the user handle is an HMAC of the account id, which is stable (the same
 * phone replaces rather than piles up credentials) but reveals nothing. Sign-in is usernameless
 * (discoverable credentials), so nothing about the account is typed or shown on the sign-in page.
 *
 * The relying-party id and origin come from configuration only, never from request headers: a
 * Host header is the client's to choose.
 */

const CHALLENGE_SECONDS = 300;
/** How long the browser's passkey prompt stays open: well inside the challenge's lifetime. */
const CEREMONY_TIMEOUT_MS = 120_000;
const MAX_BODY_BYTES = 128 * 1024;

export type PasskeyFailure = { ok: false; status: number; error: string; setCookie: string };

const MESSAGES = {
  expired: "That took too long, or the page was used twice. Please try again.",
  malformed: "The passkey response could not be read. Please try again.",
  registrationFailed: "The passkey could not be saved. Please try again, or use a PIN instead.",
  alreadyRegistered: "This passkey is already set up.",
  enrolmentGone: "This code has already been used or has run out. Ask your worker for a new one.",
  notAllowed: "This account cannot add a passkey.",
  // One message for every sign-in failure: which check failed is for the audit log, not the page.
  signInFailed: "That passkey did not sign you in. Please try again, or use another way to sign in.",
} as const;

function relyingParty() {
  const config = env();
  return { rpID: new URL(config.WAYPOINT_ORIGIN).hostname, origin: config.WAYPOINT_ORIGIN, name: config.WAYPOINT_PASSKEY_NAME };
}

// ───────────────────────────── The user handle ─────────────────────────────

/**
 * What the phone stores as the account's user handle. Not the database id (which would tie the
 * phone to a record), not random (the schema has nowhere to keep it, and a stable handle lets the
 * phone replace an old credential for the same account instead of listing two): an HMAC of the id
 * under the server secret, truncated to 16 bytes. It is never used to find the account; the
 * credential id is.
 */
export function userHandleFor(principal: Principal): Uint8Array<ArrayBuffer> {
  const key = "personId" in principal ? `person:${principal.personId}` : `staff:${principal.staffId}`;
  return new Uint8Array(createHmac("sha256", env().SESSION_SECRET).update(`passkey-user-handle:${key}`).digest().subarray(0, 16));
}

function userHandleString(principal: Principal) {
  return Buffer.from(userHandleFor(principal)).toString("base64url");
}

// ───────────────────────────── The challenge cookie ─────────────────────────────

/**
 * The challenge lives in a signed cookie rather than a table: app servers keep no state, and the
 * cookie only goes to the /passkeys routes. Its lifetime is in the signed value as well as in
 * Max-Age, because a copied cookie value ignores Max-Age.
 */
const challengeCookie = () => appCookie("challenge", { path: "/passkeys", maxAge: CHALLENGE_SECONDS });

const challengeState = z.object({
  purpose: z.enum(["registration", "authentication"]),
  challenge: z.string().min(16),
  /** Registration only: the user handle of the account the options were made for. */
  user: z.string().optional(),
  issuedAt: z.number().int(),
});
type ChallengeState = z.infer<typeof challengeState>;

async function readChallenge(request: Request, purpose: ChallengeState["purpose"]): Promise<ChallengeState | null> {
  const parsed = challengeState.safeParse(await challengeCookie().parse(request.headers.get("Cookie")));
  if (!parsed.success || parsed.data.purpose !== purpose) return null;
  const age = Date.now() - parsed.data.issuedAt;
  return age >= 0 && age <= CHALLENGE_SECONDS * 1000 ? parsed.data : null;
}

/** Set on every finish, success or not: a challenge is good for one answer only. */
export function clearChallengeCookie() {
  return challengeCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

// ───────────────────────────── Request bodies ─────────────────────────────

/** The JSON body of a request, or undefined if it is missing, too large or not JSON (zod then refuses it). */
export async function readJsonBody(request: Request): Promise<unknown> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_BODY_BYTES) return undefined;
  try {
    const text = await request.text();
    return text.length > MAX_BODY_BYTES ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, "must be base64url");

// A credential id is at most 1023 bytes (WebAuthn §5.8.3): 1364 base64url characters.
const credentialIdSchema = base64url(1364);

const clientExtensionResultsSchema = z.object({
  credProps: z.object({ rk: z.boolean().optional() }).optional(),
});

/**
 * What every credential the browser sends carries, whether it registers a passkey or signs in with
 * one: `response` is the ceremony's own part, given as a zod object. The id must equal the raw id.
 */
function credentialSchema<R extends z.ZodRawShape>(response: R) {
  return z
    .object({
      id: credentialIdSchema,
      rawId: credentialIdSchema,
      type: z.literal("public-key"),
      authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
      clientExtensionResults: clientExtensionResultsSchema,
      response: z.object({ clientDataJSON: base64url(8192), ...response }),
    })
    .refine((value) => value.id === value.rawId, { message: "id and rawId differ", path: ["rawId"] });
}

export const registrationResponseSchema = credentialSchema({
  attestationObject: base64url(65536),
  authenticatorData: base64url(65536).optional(),
  transports: z.array(z.string().max(32)).max(10).optional(),
  publicKeyAlgorithm: z.number().int().optional(),
  publicKey: base64url(8192).optional(),
}) satisfies z.ZodType<RegistrationResponseJSON>;

export const authenticationResponseSchema = credentialSchema({
  authenticatorData: base64url(65536),
  signature: base64url(2048),
  userHandle: base64url(128).optional(),
}) satisfies z.ZodType<AuthenticationResponseJSON>;

const KNOWN_TRANSPORTS = new Set(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

// ───────────────────────────── Who may have and use a passkey ─────────────────────────────

/** A person whose involvement ended or who was anonymised, or deactivated staff, cannot sign in. */
async function principalIsActive(principal: Principal, client: Prisma.TransactionClient = db()) {
  if ("personId" in principal) {
    const count = await client.person.count({ where: { id: principal.personId, anonymisedAt: null, involvementEndedAt: null } });
    return count === 1;
  }
  return (await client.staffMember.count({ where: { id: principal.staffId, deactivatedAt: null } })) === 1;
}

function subjectOf(principal: Principal) {
  return "personId" in principal ? principal.personId : null;
}

function auditDetailFor(principal: Principal): Record<string, string> {
  // Staff are not "subjects" of the audit log; their id goes in the detail instead.
  return "staffId" in principal ? { staffId: principal.staffId } : {};
}

function principalWhere(principal: Principal) {
  return "personId" in principal ? { personId: principal.personId } : { staffId: principal.staffId };
}

// ───────────────────────────── Registration ─────────────────────────────

/**
 * Options for adding a passkey to an account that may hold one (the route decides whose: an
 * enrolment in progress, or the signed-in viewer). Throws a 404 Response for an account that can
 * no longer sign in.
 */
export async function startRegistration(
  _request: Request,
  principal: Principal,
): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; setCookie: string }> {
  if (!(await principalIsActive(principal))) {
    throw Response.json({ ok: false, error: MESSAGES.notAllowed }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  const { rpID, name } = relyingParty();
  const existing = await db().passkey.findMany({
    where: principalWhere(principal),
    select: { credentialId: true, transports: true },
  });
  const options = await generateRegistrationOptions({
    rpName: name,
    rpID,
    // What a passkey manager lists for this account: the neutral name, never the person's.
    userName: name,
    userDisplayName: name,
    userID: userHandleFor(principal),
    attestationType: "none",
    // A phone that already holds one of this account's passkeys says so rather than making another.
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    timeout: CEREMONY_TIMEOUT_MS,
  });
  const setCookie = await challengeCookie().serialize({
    purpose: "registration",
    challenge: options.challenge,
    user: userHandleString(principal),
    issuedAt: Date.now(),
  } satisfies ChallengeState);
  return { options, setCookie };
}

class RegistrationRefused extends Error {
  constructor(
    readonly status: number,
    readonly publicMessage: string,
  ) {
    super(publicMessage);
  }
}

/**
 * Checks the browser's answer and stores the passkey. With `enrolmentCodeId`, the code is marked
 * used in the same transaction: a passkey without a used code, or a used code without a passkey,
 * never exists. Nothing is written when it fails.
 */
export async function finishRegistration(
  request: Request,
  principal: Principal,
  body: unknown,
  options: { enrolmentCodeId?: string } = {},
): Promise<{ ok: true; passkeyId: string; setCookie: string } | PasskeyFailure> {
  const setCookie = await clearChallengeCookie();
  const fail = (status: number, error: string): PasskeyFailure => ({ ok: false, status, error, setCookie });

  const state = await readChallenge(request, "registration");
  // The options were made for someone else (another tab signed in as someone else): start again.
  if (!state || state.user !== userHandleString(principal)) return fail(400, MESSAGES.expired);
  const parsed = registrationResponseSchema.safeParse(body);
  if (!parsed.success) return fail(400, MESSAGES.malformed);
  if (!(await principalIsActive(principal))) return fail(404, MESSAGES.notAllowed);

  const { rpID, origin } = relyingParty();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: parsed.data,
      expectedChallenge: state.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserPresence: true,
      requireUserVerification: true,
    });
  } catch {
    return fail(400, MESSAGES.registrationFailed);
  }
  if (!verification.verified) return fail(400, MESSAGES.registrationFailed);
  const info = verification.registrationInfo;

  const transports = (parsed.data.response.transports ?? info.credential.transports ?? []).filter((t) => KNOWN_TRANSPORTS.has(t));
  const now = new Date();
  try {
    const passkeyId = await db().$transaction(async (tx) => {
      if (await tx.passkey.findUnique({ where: { credentialId: info.credential.id }, select: { id: true } })) {
        throw new RegistrationRefused(400, MESSAGES.alreadyRegistered);
      }
      // A challenge answered twice: a passkey of this account was saved after these options were
      // made. The cookie is cleared on the first answer; this refuses a copy of it.
      const sinceChallenge = await tx.passkey.count({ where: { ...principalWhere(principal), createdAt: { gte: new Date(state.issuedAt) } } });
      if (sinceChallenge > 0) throw new RegistrationRefused(400, MESSAGES.expired);
      if (options.enrolmentCodeId) {
        const ours = await tx.enrolmentCode.count({ where: { id: options.enrolmentCodeId, ...principalWhere(principal) } });
        if (ours !== 1 || !(await completeEnrolment(options.enrolmentCodeId, tx))) {
          throw new RegistrationRefused(400, MESSAGES.enrolmentGone);
        }
      }
      const passkey = await tx.passkey.create({
        data: {
          ...principalWhere(principal),
          // Set here, not by the database clock, so the replay check above compares like with like.
          createdAt: now,
          credentialId: info.credential.id,
          publicKey: info.credential.publicKey,
          counter: BigInt(info.credential.counter),
          transports,
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          // "Android phone", "Windows computer": enough to tell passkeys apart, nothing personal.
          label: describeDevice(request.headers.get("User-Agent")),
        },
        select: { id: true },
      });
      // A passkey added from a signed-in session (not at enrolment, which a worker started) is
      // shown to the person's workers as "this wasn't me" is: a stolen session's favourite move.
      if (!options.enrolmentCodeId) await alertNewSignInMethod(principal, "passkey", tx);
      await recordAudit(
        {
          actor: principal,
          action: "passkey.create",
          reasonCode: options.enrolmentCodeId ? "enrolment" : "account",
          subjectPersonId: subjectOf(principal),
          detail: { ...auditDetailFor(principal), passkeyId: passkey.id, enrolment: Boolean(options.enrolmentCodeId) },
        },
        tx,
      );
      return passkey.id;
    });
    return { ok: true, passkeyId, setCookie };
  } catch (error) {
    if (error instanceof RegistrationRefused) return fail(error.status, error.publicMessage);
    // Two browsers saving the same credential at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return fail(400, MESSAGES.alreadyRegistered);
    }
    throw error;
  }
}

// ───────────────────────────── Authentication ─────────────────────────────

/** Options for a usernameless sign-in: no account is named, the phone offers what it holds. */
export async function startAuthentication(): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; setCookie: string }> {
  const { rpID } = relyingParty();
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials: [],
    userVerification: "required",
    timeout: CEREMONY_TIMEOUT_MS,
  });
  const setCookie = await challengeCookie().serialize({
    purpose: "authentication",
    challenge: options.challenge,
    issuedAt: Date.now(),
  } satisfies ChallengeState);
  return { options, setCookie };
}

/**
 * The WebAuthn rule for signature counters (§6.1.1): if either value is non-zero, the new one must
 * be greater than the stored one; otherwise the credential may have been cloned. Two zeros are
 * fine: synced passkeys do not count.
 */
export function isCounterRegression(stored: bigint | number, received: bigint | number) {
  const before = BigInt(stored);
  const now = BigInt(received);
  return (before !== 0n || now !== 0n) && now <= before;
}

class SignInRefused extends Error {}

/**
 * Checks a sign-in answer. On success the passkey's counter and last use are updated and the
 * sign-in is audited; the caller starts the session. Every failure is audited with a reason code
 * and answers the same generic message.
 */
export async function finishAuthentication(
  request: Request,
  body: unknown,
): Promise<{ ok: true; principal: Principal; passkeyId: string; setCookie: string } | PasskeyFailure> {
  const setCookie = await clearChallengeCookie();
  const refuse = async (
    reason: string,
    status: number,
    error: string,
    known?: { passkeyId: string; subjectPersonId: string | null },
  ): Promise<PasskeyFailure> => {
    await recordAudit({
      actor: null,
      action: "signin.failed",
      reasonCode: "sign-in",
      subjectPersonId: known?.subjectPersonId ?? null,
      detail: { method: "passkey", reason, ...(known ? { passkeyId: known.passkeyId } : {}) },
    });
    return { ok: false, status, error, setCookie };
  };

  const state = await readChallenge(request, "authentication");
  if (!state) return refuse("no-challenge", 400, MESSAGES.expired);
  const parsed = authenticationResponseSchema.safeParse(body);
  if (!parsed.success) return refuse("malformed", 400, MESSAGES.malformed);

  const passkey = await db().passkey.findUnique({
    where: { credentialId: parsed.data.id },
    select: {
      id: true,
      credentialId: true,
      publicKey: true,
      counter: true,
      transports: true,
      personId: true,
      staffId: true,
      person: { select: { anonymisedAt: true, involvementEndedAt: true } },
      staff: { select: { deactivatedAt: true } },
    },
  });
  if (!passkey) return refuse("unknown-credential", 400, MESSAGES.signInFailed);
  const known = { passkeyId: passkey.id, subjectPersonId: passkey.personId };
  const principal: Principal | null = passkey.personId ? { personId: passkey.personId } : passkey.staffId ? { staffId: passkey.staffId } : null;
  const active = passkey.person ? !passkey.person.anonymisedAt && !passkey.person.involvementEndedAt : passkey.staff ? !passkey.staff.deactivatedAt : false;
  if (!principal || !active) return refuse("inactive-account", 400, MESSAGES.signInFailed, known);

  const { rpID, origin } = relyingParty();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: parsed.data,
      expectedChallenge: state.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      // The library's own counter check only throws; ours (below) runs after the signature is
      // known to be good, so a forged answer cannot raise a false "cloned" alarm. With a stored
      // counter of 0 the library never refuses on counters.
      credential: { id: passkey.credentialId, publicKey: passkey.publicKey, counter: 0, transports: passkey.transports },
      requireUserVerification: true,
    });
  } catch {
    return refuse("verification", 400, MESSAGES.signInFailed, known);
  }
  if (!verification.verified) return refuse("verification", 400, MESSAGES.signInFailed, known);
  // The user handle is not compared with the account's: it is an HMAC under SESSION_SECRET, so a
  // rotated secret would lock everyone out; the credential id and its key identify the account.

  const { newCounter, credentialBackedUp } = verification.authenticationInfo;
  if (isCounterRegression(passkey.counter, newCounter)) {
    await recordAudit({
      actor: null,
      action: "passkey.counter-regression",
      reasonCode: "sign-in",
      subjectPersonId: known.subjectPersonId,
      detail: {
        ...auditDetailFor(principal),
        passkeyId: passkey.id,
        storedCounter: passkey.counter.toString(),
        receivedCounter: String(newCounter),
      },
    });
    return { ok: false, status: 400, error: MESSAGES.signInFailed, setCookie };
  }

  try {
    await db().$transaction(async (tx) => {
      // One use per challenge: a copy of the cookie answered again finds lastUsedAt already past
      // the challenge's issue time. The counter condition makes two concurrent uses count once.
      const { count } = await tx.passkey.updateMany({
        where: {
          id: passkey.id,
          counter: passkey.counter,
          OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(state.issuedAt) } }],
        },
        data: { counter: BigInt(newCounter), lastUsedAt: new Date(), backedUp: credentialBackedUp },
      });
      if (count !== 1) throw new SignInRefused();
      await recordAudit(
        {
          actor: principal,
          action: "signin.passkey",
          reasonCode: "sign-in",
          subjectPersonId: known.subjectPersonId,
          detail: { ...auditDetailFor(principal), passkeyId: passkey.id },
        },
        tx,
      );
    });
  } catch (error) {
    if (error instanceof SignInRefused) return refuse("replayed-challenge", 400, MESSAGES.signInFailed, known);
    throw error;
  }
  return { ok: true, principal, passkeyId: passkey.id, setCookie };
}

// ───────────────────────────── Managing one's passkeys ─────────────────────────────

export type PasskeySummary = {
  id: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  deviceType: string;
  backedUp: boolean;
};

/** The account's own passkeys, oldest first. Never the keys or credential ids. */
export async function listPasskeys(principal: Principal): Promise<PasskeySummary[]> {
  return db().passkey.findMany({
    where: principalWhere(principal),
    orderBy: { createdAt: "asc" },
    select: { id: true, label: true, createdAt: true, lastUsedAt: true, deviceType: true, backedUp: true },
  });
}

/**
 * Removes one of the account's own passkeys. Scoped by the account: another account's passkey id
 * gives false, exactly like an id that does not exist, and the caller answers 404.
 */
export async function removePasskey(principal: Principal, passkeyId: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.passkey.deleteMany({ where: { id: passkeyId, ...principalWhere(principal) } });
    if (count !== 1) return false;
    await recordAudit(
      {
        actor: principal,
        action: "passkey.remove",
        reasonCode: "account",
        subjectPersonId: subjectOf(principal),
        detail: { ...auditDetailFor(principal), passkeyId },
      },
      tx,
    );
    return true;
  });
}

export const passkeyLabelSchema = z.object({
  label: z.string().trim().min(1, "Give the passkey a name").max(40, "Use 40 characters or fewer"),
});

/** Renames one of the account's own passkeys; false (→ 404) for anyone else's. */
export async function renamePasskey(principal: Principal, passkeyId: string, label: string): Promise<boolean> {
  const parsed = passkeyLabelSchema.safeParse({ label });
  if (!parsed.success) return false;
  const { count } = await db().passkey.updateMany({
    where: { id: passkeyId, ...principalWhere(principal) },
    data: { label: parsed.data.label },
  });
  return count === 1;
}

// ───────────────────────────── For the routes ─────────────────────────────

export type Registrant =
  | { kind: "enrolment"; principal: Principal; enrolmentCodeId: string }
  | { kind: "signed-in"; principal: Principal }
  | { kind: "confirm-first"; viewer: Viewer };

/**
 * Who may add a passkey from this browser: first an enrolment in progress (a code was just
 * redeemed here), otherwise the signed-in viewer adding another passkey, but only within a few
 * minutes of proving it is them (a PIN or a passkey, app/auth/step-up.server.ts); a bare open
 * session gets "confirm-first", and both registration routes refuse it. Null: nobody.
 */
export async function findRegistrant(request: Request): Promise<Registrant | null> {
  const enrolment = await readEnrolment(request);
  if (enrolment) return { kind: "enrolment", principal: enrolment.principal, enrolmentCodeId: enrolment.codeId };
  const viewer = await getViewer(request);
  if (!viewer) return null;
  if (!(await hasRecentProof(viewer))) return { kind: "confirm-first", viewer };
  return { kind: "signed-in", principal: principalOf(viewer) };
}

/**
 * `findRegistrant` as both registration routes answer it: a registrant who may add a passkey now
 * (an enrolment or a signed-in viewer who proved it is them lately), or the JSON refusal to send
 * instead: 401 when nobody is signed in or enrolling, 403 with "confirm it's you" (and the account
 * page to come back to) for a bare open session.
 */
export async function registrantOrRefusal(
  request: Request,
): Promise<{ registrant: Exclude<Registrant, { kind: "confirm-first" }>; refusal?: never } | { refusal: Response; registrant?: never }> {
  const registrant = await findRegistrant(request);
  if (!registrant) return { refusal: passkeyJson({ ok: false, error: "Your sign-in has run out. Please start again." }, { status: 401 }) };
  // An open session alone cannot add a way in: the person confirms it's them first.
  if (registrant.kind === "confirm-first") {
    return { refusal: passkeyJson(stepUpRequiredBody(registrant.viewer, accountPageFor(principalOf(registrant.viewer))), { status: 403 }) };
  }
  return { registrant };
}

/** A JSON answer for the passkey routes: never cached, with any number of Set-Cookie headers. */
export function passkeyJson(data: unknown, init: { status?: number; setCookies?: string[] } = {}) {
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const cookie of init.setCookies ?? []) headers.append("Set-Cookie", cookie);
  return Response.json(data, { status: init.status ?? 200, headers });
}

/** The passkey routes take POST only. */
export function methodNotAllowed() {
  return new Response(JSON.stringify({ ok: false, error: "Use POST." }), {
    status: 405,
    headers: { "Content-Type": "application/json", Allow: "POST", "Cache-Control": "no-store" },
  });
}

/** Where a person or a member of staff goes once signed in. */
export function homeFor(principal: Principal) {
  return "personId" in principal ? "/home" : "/staff";
}

/** Where they go after adding a passkey from their account page. */
export function accountPageFor(principal: Principal) {
  return "personId" in principal ? "/account" : "/staff/account";
}
