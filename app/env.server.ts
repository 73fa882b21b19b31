import { z } from "zod";

/**
 * Configuration, checked once at start-up. A missing or malformed value stops the process with
 * one line naming the variable; nothing is written before this passes.
 */
const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\//.test(v), {
  message: "must be a postgresql:// URL (leave it unset to use the embedded database)",
});

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: postgresUrl.optional(),
  WAYPOINT_DATA_DIR: z.string().min(1).default("./data/pglite"),
  /** Signs the session cookie. Required in production; development gets a fixed, public value. */
  SESSION_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  /**
   * The PIN pepper: every PIN is keyed with it (HMAC-SHA-256) before scrypt, so a copy of the
   * database alone cannot be used to try the million six-digit PINs offline. Kept with the other
   * keys, never in the database. Required in production; development gets a fixed, public value.
   */
  WAYPOINT_PIN_PEPPER: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Seed the demo service at start-up: "auto" into an empty embedded database only; "if-empty"
   * into any empty database (browser tests on a PostgreSQL server); "never".
   */
  WAYPOINT_SEED_DEMO: z.enum(["auto", "if-empty", "never"]).default("auto"),
  /**
   * The address people use to reach the portal, e.g. https://portal.example.org. Passkeys are
   * bound to it (relying-party id = its host name); never taken from request headers.
   * Default: http://localhost:PORT.
   */
  WAYPOINT_ORIGIN: z
    .string()
    .url({ message: "must be a URL such as https://portal.example.org" })
    .refine((v) => !URL.canParse(v) || new URL(v).origin === v.replace(/\/$/, ""), { message: "must be an origin only (no path)" })
    .optional(),
  /** The name a phone shows when it saves a passkey: neutral, like the page titles. */
  WAYPOINT_PASSKEY_NAME: z.string().min(1).max(64).default("Appointments"),
  /**
   * Behind a load balancer, how many proxies to trust for the client address (X-Forwarded-For);
   * rate limits count failures per address. 0 (default): use the connection's own address.
   */
  WAYPOINT_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Connections each app server keeps to a PostgreSQL server. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Keys that seal free text at rest (AES-256-GCM): comma-separated `id:base64-of-32-bytes`, the
   * first one sealing new values and every one opening values sealed before a rotation
   * (docs/operations.md, "Rotating the encryption key"). Required in production.
   */
  WAYPOINT_ENCRYPTION_KEYS: z
    .string()
    .refine((v) => parseKeyList(v) !== null, {
      message: "must be comma-separated id:key pairs, each key 32 bytes in base64 (npm run keys:generate makes one)",
    })
    .optional(),
  /**
   * A folder of questionnaire definition files (JSON) the service holds a licence for. Each file
   * is checked at start-up; a bad one stops the server with the file and the problem named.
   */
  WAYPOINT_QUESTIONNAIRE_DIR: z.string().min(1).optional(),
  /**
   * The e-mail channel of the notifications module (app/notifications): an SMTP server as a URL,
   * `smtps://user:password@mail.example.org:465` or `smtp://…:587` (STARTTLS), read by nodemailer.
   * Unset: no e-mail is sent, and staff sign-in codes are handed over by a second administrator
   * (docs/decisions/021-staff-codes-reach-only-the-staff-member.md).
   */
  WAYPOINT_SMTP_URL: z
    .string()
    .refine((v) => URL.canParse(v) && ["smtp:", "smtps:"].includes(new URL(v).protocol), {
      message: "must be an smtp:// or smtps:// URL",
    })
    .optional(),
  /** The sender of e-mail, e.g. `Portal <no-reply@portal.example.org>`; required with WAYPOINT_SMTP_URL. */
  WAYPOINT_MAIL_FROM: z.string().min(3).max(200).optional(),
});

export type EncryptionKey = { id: string; key: Buffer };

/** `id:base64,id:base64` → keys, or null when any part is malformed or an id repeats. */
export function parseKeyList(value: string): EncryptionKey[] | null {
  const keys: EncryptionKey[] = [];
  for (const part of value.split(",").map((p) => p.trim())) {
    const match = /^([a-z0-9][a-z0-9-]{0,31}):([A-Za-z0-9+/]{43}=)$/.exec(part);
    if (!match?.[1] || !match[2]) return null;
    const key = Buffer.from(match[2], "base64");
    if (key.length !== 32 || keys.some((k) => k.id === match[1])) return null;
    keys.push({ id: match[1], key });
  }
  return keys.length > 0 ? keys : null;
}

export type Env = Omit<z.infer<typeof schema>, "WAYPOINT_ENCRYPTION_KEYS"> & {
  SESSION_SECRET: string;
  WAYPOINT_PIN_PEPPER: string;
  WAYPOINT_ORIGIN: string;
  /** The first key seals; all of them open. */
  encryptionKeys: EncryptionKey[];
};

const DEVELOPMENT_SECRET = "development-only-secret-not-for-production-use";
const DEVELOPMENT_PIN_PEPPER = "development-only-pin-pepper-not-for-production-use";
/**
 * Development and tests only, and public: anyone can read it here. Production refuses to start
 * without WAYPOINT_ENCRYPTION_KEYS.
 */
const DEVELOPMENT_KEYS = "dev:ZGV2LW9ubHkga2V5OiBwdWJsaWMsIG5vdCBzZWNyZXQ=";

export class ConfigError extends Error {}

/**
 * What production refuses to start with, one sentence per problem (empty: none). Production is
 * reached by people at risk, so a setting that would quietly weaken it stops the process instead:
 * - an origin over plain http (cookies and passkeys travel unencrypted) unless it is localhost,
 *   or an IP address (WebAuthn needs a registrable domain as the relying party id, so passkeys
 *   cannot work: https://www.w3.org/TR/webauthn-3/#relying-party-identifier);
 * - the public development secret, PIN pepper or key written in this file;
 * - a secret or a key with too little entropy (estimateEntropyBits), such as a repeated character;
 * - seeding the demo service (its people sign in with a published PIN and published codes).
 */
export function productionProblems(config: {
  sessionSecret: string;
  pinPepper: string;
  origin: string;
  encryptionKeys: EncryptionKey[];
  seedDemo: "auto" | "if-empty" | "never";
}): string[] {
  const problems: string[] = [];
  if (URL.canParse(config.origin)) {
    const url = new URL(config.origin);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const local = host === "localhost" || host.endsWith(".localhost");
    if (url.protocol !== "https:" && !local) problems.push("WAYPOINT_ORIGIN must be an https:// address in production");
    if (/^[\d.]+$/.test(host) || host.includes(":")) {
      problems.push("WAYPOINT_ORIGIN must be a domain name, not an IP address: passkeys cannot be bound to an IP address");
    }
  }
  if (config.sessionSecret === DEVELOPMENT_SECRET) {
    problems.push("SESSION_SECRET is the published development value; make a new one (e.g. openssl rand -base64 48)");
  } else {
    const weakness = secretWeakness(config.sessionSecret);
    if (weakness) problems.push(`SESSION_SECRET ${weakness}: use random bytes, e.g. openssl rand -base64 48`);
  }
  if (config.pinPepper === DEVELOPMENT_PIN_PEPPER) {
    problems.push("WAYPOINT_PIN_PEPPER is the published development value; make a new one (e.g. openssl rand -base64 48)");
  } else {
    const weakness = secretWeakness(config.pinPepper);
    if (weakness) problems.push(`WAYPOINT_PIN_PEPPER ${weakness}: use random bytes, e.g. openssl rand -base64 48`);
  }
  const developmentKey = parseKeyList(DEVELOPMENT_KEYS)?.[0]?.key;
  for (const { id, key } of config.encryptionKeys) {
    if (developmentKey && key.equals(developmentKey)) {
      problems.push(`WAYPOINT_ENCRYPTION_KEYS key "${id}" is the published development key; npm run keys:generate makes a real one`);
    } else if (new Set(key).size < MIN_DISTINCT_KEY_BYTES) {
      problems.push(`WAYPOINT_ENCRYPTION_KEYS key "${id}" is not random (too few different bytes); npm run keys:generate makes a real one`);
    }
  }
  if (config.seedDemo === "if-empty") problems.push("WAYPOINT_SEED_DEMO cannot seed the demo service in production");
  return problems;
}

/**
 * Estimated bits below which a secret is refused. The shortest secret accepted is 32 characters;
 * 32 random hex characters (128 bits) estimate at about 125 bits, with a standard deviation of
 * about 6 (measured over 200,000 draws: the lowest was 96), so 88 refuses no random secret in
 * practice while "ab" repeated (a 1-bit-per-character alphabet) or a short alphabet still fail.
 */
const MIN_SECRET_BITS = 88;
/**
 * 32 random bytes hold about 30 different values (32 draws from 256); fewer than 16 happens by
 * chance with a probability far below 1e-12, so it means a key typed or patterned by hand.
 */
const MIN_DISTINCT_KEY_BYTES = 16;

/**
 * Why a secret looks hand-made, or undefined when it does not: a shorter string repeated
 * ("password" four times, "x" forty times), or too little estimated entropy (estimateEntropyBits).
 * @param value the secret as configured
 * @returns a phrase to follow the variable's name in a configuration error, or undefined
 */
export function secretWeakness(value: string): string | undefined {
  if (/^([\s\S]+?)\1+$/.test(value)) return "is a shorter string repeated";
  const bits = estimateEntropyBits(value);
  if (bits < MIN_SECRET_BITS) return `looks too predictable (about ${Math.round(bits)} bits; at least ${MIN_SECRET_BITS} needed)`;
  return undefined;
}

/**
 * A rough estimate of a string's entropy in bits: its length times the Shannon entropy of its own
 * character frequencies, with the Miller–Madow correction ((K − 1) / 2N nats per character, K the
 * distinct characters, N the length) for the plug-in estimate's downward bias on short strings
 * (Miller 1955; Paninski 2003, "Estimation of entropy and mutual information", §2). Without it, one
 * in five random 32-character hex secrets measured under 112 bits. Catches short alphabets
 * ("xxxx…" is 0 bits); it cannot tell a random string from a long English sentence, which is why
 * the README asks for random bytes.
 * @param value any string
 * @returns estimated bits (0 for the empty string)
 */
export function estimateEntropyBits(value: string): number {
  const characters = [...value];
  if (characters.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  const length = characters.length;
  let perCharacter = 0;
  for (const count of counts.values()) {
    const p = count / length;
    perCharacter -= p * Math.log2(p);
  }
  if (counts.size > 1) perCharacter += (counts.size - 1) / (2 * length * Math.LN2);
  return perCharacter * length;
}

/** Whether the server seeds the demo service into an empty database at start-up: never in production. */
export function seedsDemoAtStart(config: Pick<Env, "NODE_ENV" | "WAYPOINT_SEED_DEMO">, databaseKind: string): boolean {
  if (config.NODE_ENV === "production") return false;
  return config.WAYPOINT_SEED_DEMO === "if-empty" || (config.WAYPOINT_SEED_DEMO === "auto" && databaseKind === "embedded");
}

/** Parses the given environment; throws a ConfigError whose message is one line per problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings are how shells spell "unset"; treat them so.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "environment";
      return `Configuration error: ${name} ${issue.message}`;
    });
    throw new ConfigError(lines.join("\n"));
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
    throw new ConfigError("Configuration error: SESSION_SECRET is required when NODE_ENV=production");
  }
  if (env.NODE_ENV === "production" && !env.WAYPOINT_ORIGIN) {
    throw new ConfigError("Configuration error: WAYPOINT_ORIGIN is required when NODE_ENV=production");
  }
  if (env.NODE_ENV === "production" && !env.WAYPOINT_ENCRYPTION_KEYS) {
    throw new ConfigError("Configuration error: WAYPOINT_ENCRYPTION_KEYS is required when NODE_ENV=production");
  }
  if (env.NODE_ENV === "production" && !env.WAYPOINT_PIN_PEPPER) {
    throw new ConfigError("Configuration error: WAYPOINT_PIN_PEPPER is required when NODE_ENV=production");
  }
  if (env.WAYPOINT_SMTP_URL && !env.WAYPOINT_MAIL_FROM) {
    throw new ConfigError("Configuration error: WAYPOINT_MAIL_FROM is required with WAYPOINT_SMTP_URL");
  }
  if (env.WAYPOINT_MAIL_FROM && !/^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/.test(env.WAYPOINT_MAIL_FROM)) {
    throw new ConfigError("Configuration error: WAYPOINT_MAIL_FROM must be an address, or a name and <address>");
  }
  const { WAYPOINT_ENCRYPTION_KEYS: keyList, ...rest } = env;
  const encryptionKeys = parseKeyList(keyList ?? DEVELOPMENT_KEYS);
  if (!encryptionKeys) throw new ConfigError("Configuration error: WAYPOINT_ENCRYPTION_KEYS is malformed");
  if (env.NODE_ENV === "production") {
    const problems = productionProblems({
      sessionSecret: env.SESSION_SECRET ?? "",
      pinPepper: env.WAYPOINT_PIN_PEPPER ?? "",
      origin: env.WAYPOINT_ORIGIN ?? "",
      encryptionKeys,
      seedDemo: env.WAYPOINT_SEED_DEMO,
    });
    if (problems.length > 0) throw new ConfigError(problems.map((p) => `Configuration error: ${p}`).join("\n"));
  }
  return {
    ...rest,
    encryptionKeys,
    SESSION_SECRET: env.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    WAYPOINT_PIN_PEPPER: env.WAYPOINT_PIN_PEPPER ?? DEVELOPMENT_PIN_PEPPER,
    WAYPOINT_ORIGIN: (env.WAYPOINT_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  };
}

declare global {
  var waypointEnv: Env | undefined;
}

/** The checked configuration. Parsed on first use, so a bad value fails loudly and early. */
export function env(): Env {
  globalThis.waypointEnv ??= parseEnv(process.env);
  return globalThis.waypointEnv;
}
