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
      WAYPOINT_PIN_PEPPER: "p".repeat(40),
    });
    expect(env.SESSION_SECRET).toHaveLength(40);
    expect(env.WAYPOINT_ORIGIN).toBe("https://portal.example.org");
  });

  it("requires a PIN pepper of 32+ characters in production, and has a public one for development", () => {
    const production = {
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      WAYPOINT_ORIGIN: "https://portal.example.org",
      WAYPOINT_ENCRYPTION_KEYS: `prod:${Buffer.alloc(32, 7).toString("base64")}`,
    };
    expect(() => parseEnv(production)).toThrow(/^Configuration error: WAYPOINT_PIN_PEPPER is required/);
    expect(() => parseEnv({ ...production, WAYPOINT_PIN_PEPPER: "short" })).toThrow(/WAYPOINT_PIN_PEPPER must be at least 32/);
    expect(parseEnv({ ...production, WAYPOINT_PIN_PEPPER: "p".repeat(40) }).WAYPOINT_PIN_PEPPER).toBe("p".repeat(40));
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
});
