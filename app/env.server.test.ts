import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { baselineHeadersFor } from "./safety/headers.server";
import { cookieName } from "./auth/cookies.server";
import { ConfigError, estimateEntropyBits, parseEnv, secretWeakness, seedsDemoAtStart } from "./env.server";

/** A production configuration that passes, to vary one thing at a time. */
function production(overrides: Record<string, string> = {}) {
  return {
    NODE_ENV: "production",
    SESSION_SECRET: randomBytes(48).toString("base64"),
    WAYPOINT_ORIGIN: "https://portal.example.org",
    WAYPOINT_ENCRYPTION_KEYS: `prod:${randomBytes(32).toString("base64")}`,
    WAYPOINT_PIN_PEPPER: randomBytes(48).toString("base64"),
    ...overrides,
  };
}

describe("configuration", () => {
  it("uses the embedded database and safe defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.WAYPOINT_DATA_DIR).toBe("./data/pglite");
  });

  it("names the variable when DATABASE_URL is not a PostgreSQL URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/^Configuration error: DATABASE_URL must be a postgresql:\/\/ URL/);
  });

  it("names the variable when PORT is not a port", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });

  it("requires a session secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET is required/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET must be at least 32/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) })).toThrow(/WAYPOINT_ORIGIN is required/);
    const env = parseEnv(production());
    expect(env.SESSION_SECRET).toHaveLength(64);
    expect(env.WAYPOINT_ORIGIN).toBe("https://portal.example.org");
  });

  it("requires a PIN pepper of 32+ characters in production, and has a public one for development", () => {
    const { WAYPOINT_PIN_PEPPER: pepper, ...withoutPepper } = production();
    expect(() => parseEnv(withoutPepper)).toThrow(/^Configuration error: WAYPOINT_PIN_PEPPER is required/);
    expect(() => parseEnv({ ...withoutPepper, WAYPOINT_PIN_PEPPER: "short" })).toThrow(/WAYPOINT_PIN_PEPPER must be at least 32/);
    expect(() => parseEnv({ ...withoutPepper, WAYPOINT_PIN_PEPPER: "p".repeat(40) })).toThrow(/WAYPOINT_PIN_PEPPER is a shorter string repeated/);
    expect(() => parseEnv({ ...withoutPepper, WAYPOINT_PIN_PEPPER: "development-only-pin-pepper-not-for-production-use" })).toThrow(
      /WAYPOINT_PIN_PEPPER is the published development value/,
    );
    expect(parseEnv({ ...withoutPepper, WAYPOINT_PIN_PEPPER: pepper }).WAYPOINT_PIN_PEPPER).toBe(pepper);
    expect(parseEnv({}).WAYPOINT_PIN_PEPPER).toMatch(/^development-only/);
  });

  it("binds passkeys to a configured origin, defaulting to localhost on the port", () => {
    expect(parseEnv({ PORT: "3100" }).WAYPOINT_ORIGIN).toBe("http://localhost:3100");
    expect(() => parseEnv({ WAYPOINT_ORIGIN: "https://x.example/portal" })).toThrow(/WAYPOINT_ORIGIN must be an origin only/);
    expect(() => parseEnv({ WAYPOINT_ORIGIN: "not a url" })).toThrow(/WAYPOINT_ORIGIN/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("takes an SMTP URL for e-mail only with a sender, and names the variable otherwise", () => {
    expect(() => parseEnv({ WAYPOINT_SMTP_URL: "http://mail.example.org" })).toThrow(/WAYPOINT_SMTP_URL must be an smtp/);
    expect(() => parseEnv({ WAYPOINT_SMTP_URL: "smtps://mail.example.org:465" })).toThrow(/WAYPOINT_MAIL_FROM is required/);
    expect(() => parseEnv({ WAYPOINT_SMTP_URL: "smtps://mail.example.org:465", WAYPOINT_MAIL_FROM: "not an address" })).toThrow(/WAYPOINT_MAIL_FROM must be/);
    const env = parseEnv({ WAYPOINT_SMTP_URL: "smtps://mail.example.org:465", WAYPOINT_MAIL_FROM: "Portal <no-reply@portal.example.org>" });
    expect(env.WAYPOINT_SMTP_URL).toBe("smtps://mail.example.org:465");
  });
});

describe("production refuses unsafe configuration", () => {
  it("starts with random secrets, a random key and an https origin", () => {
    expect(parseEnv(production()).NODE_ENV).toBe("production");
    // localhost over http stays possible, for trying a production build on one's own machine.
    expect(parseEnv(production({ WAYPOINT_ORIGIN: "http://localhost:3000" })).WAYPOINT_ORIGIN).toBe("http://localhost:3000");
  });

  it("refuses an http origin other than localhost", () => {
    expect(() => parseEnv(production({ WAYPOINT_ORIGIN: "http://portal.example.org" }))).toThrow(/WAYPOINT_ORIGIN must be an https:\/\/ address in production/);
  });

  it.each(["https://203.0.113.9", "https://[2001:db8::1]", "http://192.168.1.20:3000"])(
    "refuses the IP-address origin %s, where passkeys cannot work",
    (origin) => {
      expect(() => parseEnv(production({ WAYPOINT_ORIGIN: origin }))).toThrow(/not an IP address/);
    },
  );

  it("refuses the published development secret and key", () => {
    expect(() => parseEnv(production({ SESSION_SECRET: "development-only-secret-not-for-production-use" }))).toThrow(
      /SESSION_SECRET is the published development value/,
    );
    expect(() => parseEnv(production({ WAYPOINT_ENCRYPTION_KEYS: "dev:ZGV2LW9ubHkga2V5OiBwdWJsaWMsIG5vdCBzZWNyZXQ=" }))).toThrow(/published development key/);
    // Under another id too, and behind a real key (an old key kept for reading).
    const real = `k2:${randomBytes(32).toString("base64")}`;
    expect(() => parseEnv(production({ WAYPOINT_ENCRYPTION_KEYS: `${real},old:ZGV2LW9ubHkga2V5OiBwdWJsaWMsIG5vdCBzZWNyZXQ=` }))).toThrow(
      /key "old" is the published development key/,
    );
  });

  it("refuses a secret or key with too little entropy", () => {
    expect(() => parseEnv(production({ SESSION_SECRET: "x".repeat(40) }))).toThrow(/SESSION_SECRET is a shorter string repeated/);
    expect(() => parseEnv(production({ SESSION_SECRET: "ab".repeat(40) }))).toThrow(/SESSION_SECRET is a shorter string repeated/);
    expect(() => parseEnv(production({ WAYPOINT_PIN_PEPPER: "passwordpasswordpasswordpassword" }))).toThrow(/WAYPOINT_PIN_PEPPER is a shorter string repeated/);
    // A short alphabet that is not a repetition.
    expect(() => parseEnv(production({ SESSION_SECRET: "abbaabababbbaabaababbabaabbbabaaabab" }))).toThrow(/SESSION_SECRET looks too predictable/);
    expect(() => parseEnv(production({ WAYPOINT_ENCRYPTION_KEYS: `prod:${Buffer.alloc(32, 7).toString("base64")}` }))).toThrow(/key "prod" is not random/);
    // The shortest random secret accepted, 32 hex characters (128 bits), always passes: before the
    // estimate's bias was corrected, about one in five was refused.
    for (let draw = 0; draw < 2000; draw += 1) expect(secretWeakness(randomBytes(16).toString("hex"))).toBeUndefined();
    expect(parseEnv(production({ SESSION_SECRET: randomBytes(16).toString("hex") })).NODE_ENV).toBe("production");
    expect(estimateEntropyBits("")).toBe(0);
  });

  it("never seeds the demo service", () => {
    expect(() => parseEnv(production({ WAYPOINT_SEED_DEMO: "if-empty" }))).toThrow(/WAYPOINT_SEED_DEMO cannot seed the demo service in production/);
    expect(seedsDemoAtStart(parseEnv(production()), "embedded")).toBe(false);
    expect(seedsDemoAtStart(parseEnv({}), "embedded")).toBe(true);
    expect(seedsDemoAtStart(parseEnv({ WAYPOINT_SEED_DEMO: "if-empty" }), "postgres")).toBe(true);
  });

  it("names every problem at once", () => {
    expect(() => parseEnv(production({ WAYPOINT_ORIGIN: "http://10.0.0.1", SESSION_SECRET: "x".repeat(40) }))).toThrow(
      /https:\/\/ address[\s\S]*IP address[\s\S]*SESSION_SECRET/,
    );
  });

  it("sends HSTS and uses the __Host- cookie prefix in production only", () => {
    expect(baselineHeadersFor({ production: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(baselineHeadersFor({ production: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(cookieName("sid", "/", true)).toBe("__Host-sid");
    expect(cookieName("challenge", "/passkeys", true)).toBe("__Secure-challenge");
    expect(cookieName("sid", "/", false)).toBe("sid");
  });
});
