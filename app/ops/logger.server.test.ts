import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, describeRequest } from "./logger.server";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger({ level: "info", destination }) };
}

describe("logs carry no personal data", () => {
  it("redacts personal fields at the top level and nested", () => {
    const { lines, log } = capture();
    log.info(
      {
        personId: "ckabc",
        firstName: "Jasmine",
        person: { lastName: "Okafor", dateOfBirth: "2015-03-02", email: "j@example.org" },
        form: { answers: { safe: "I am frightened" }, code: "7H3K-92QX", pin: "482913" },
        headers: { cookie: "__session=abc", "set-cookie": "x", authorization: "Bearer t" },
        deep: { a: { b: { body: "message text" } } },
      },
      "test event",
    );
    const output = lines.join("");
    for (const secret of ["Jasmine", "Okafor", "2015-03-02", "j@example.org", "frightened", "7H3K-92QX", "482913", "__session=abc", "Bearer t", "message text"]) {
      expect(output).not.toContain(secret);
    }
    // Ids stay: they are how an operator follows an event without seeing who it is about.
    expect(output).toContain("ckabc");
    expect(JSON.parse(output).person.lastName).toBe("[redacted]");
  });

  it("withholds the message of a database error, which quotes the call's arguments", () => {
    const { lines, log } = capture();
    class PrismaClientValidationError extends Error {}
    Object.defineProperty(PrismaClientValidationError, "name", { value: "PrismaClientValidationError" });
    const error = new PrismaClientValidationError('Invalid `prisma.person.create()` invocation: { firstName: "Jasmine" }');
    log.error({ err: error }, "unhandled server error");
    const output = lines.join("");
    expect(output).not.toContain("Jasmine");
    expect(JSON.parse(output).err.type).toBe("PrismaClientValidationError");
  });

  it("keeps the message of other errors", () => {
    const { lines, log } = capture();
    log.error({ err: new TypeError("cannot read properties of undefined") }, "boom");
    expect(JSON.parse(lines.join("")).err.message).toBe("cannot read properties of undefined");
  });

  it("logs a request by method and path shape only", () => {
    expect(describeRequest("GET", "http://x/staff/people/cm1a2b3c4d5e6f7g8h9i0j1k2/notes?q=Okafor")).toEqual({
      method: "GET",
      path: "/staff/people/:id/notes",
    });
  });
});
