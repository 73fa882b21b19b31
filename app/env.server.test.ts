import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env.server";

describe("configuration", () => {
  it("uses the embedded database and safe defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.WAYPOINT_DATA_DIR).toBe("./data/pglite");
  });

  it("names the variable when DATABASE_URL is not a PostgreSQL URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(
      /^Configuration error: DATABASE_URL must be a postgresql:\/\/ URL/,
    );
  });

  it("names the variable when PORT is not a port", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });

  it("requires a session secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET is required/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET must be at least 32/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) })).toThrow(/WAYPOINT_ORIGIN is required/);
    const env = parseEnv({
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      WAYPOINT_ORIGIN: "https://portal.example.org",
      WAYPOINT_ENCRYPTION_KEYS: `prod:${Buffer.alloc(32, 7).toString("base64")}`,
    });
    expect(env.SESSION_SECRET).toHaveLength(40);
    expect(env.WAYPOINT_ORIGIN).toBe("https://portal.example.org");
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
