import { UNSAFE_ErrorResponseImpl as ErrorResponseImpl } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { capturingLogger } from "../../tests/support/captured-log";
import { describeRequest } from "./logger.server";

describe("logs carry no personal data", () => {
  it("redacts personal fields at the top level and nested", () => {
    const { lines, log } = capturingLogger("info");
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
    for (const secret of [
      "Jasmine",
      "Okafor",
      "2015-03-02",
      "j@example.org",
      "frightened",
      "7H3K-92QX",
      "482913",
      "__session=abc",
      "Bearer t",
      "message text",
    ]) {
      expect(output).not.toContain(secret);
    }
    // Ids stay: they are how an operator follows an event without seeing who it is about.
    expect(output).toContain("ckabc");
    expect(JSON.parse(output).person.lastName).toBe("[redacted]");
  });

  it("withholds the message of a database error, which quotes the call's arguments", () => {
    const { lines, log } = capturingLogger("info");
    class PrismaClientValidationError extends Error {}
    Object.defineProperty(PrismaClientValidationError, "name", { value: "PrismaClientValidationError" });
    const error = new PrismaClientValidationError('Invalid `prisma.person.create()` invocation: { firstName: "Jasmine" }');
    log.error({ err: error }, "unhandled server error");
    const output = lines.join("");
    expect(output).not.toContain("Jasmine");
    expect(JSON.parse(output).err.type).toBe("PrismaClientValidationError");
  });

  it("keeps the message of other errors", () => {
    const { lines, log } = capturingLogger("info");
    log.error({ err: new TypeError("cannot read properties of undefined") }, "boom");
    expect(JSON.parse(lines.join("")).err.message).toBe("cannot read properties of undefined");
  });

  it("redacts every personal field name at any depth, in arrays too", () => {
    const { lines, log } = capturingLogger("info");
    log.info(
      {
        a: { b: { c: { d: { e: { f: { surname: "Okafor", signInName: "alex-rivers-0001" } } } } } },
        people: [{ phone: "07700 900123", postcode: "CH1 2AB", homeAddress: "1 Mill Lane", emailAddress: "x@example.org" }],
        child: { date_of_birth: "2015-03-02", preferredName: "Jaz", "sign-in-name": "zoe-rivers-0001" },
        modelName: "Person",
      },
      "nested event",
    );
    const output = lines.join("");
    for (const secret of ["Okafor", "alex-rivers-0001", "07700 900123", "CH1 2AB", "Mill Lane", "x@example.org", "2015-03-02", "Jaz", "zoe-rivers-0001"]) {
      expect(output).not.toContain(secret);
    }
    expect(JSON.parse(output).modelName).toBe("Person");
  });

  it("keeps a database message out of the log when it is an error's cause, and says what kind of failure it was", () => {
    const { lines, log } = capturingLogger("info");
    class PrismaClientKnownRequestError extends Error {
      code = "P2002";
      meta = {
        driverAdapterError: {
          name: "DriverAdapterError",
          cause: { kind: "postgres", code: "23505", originalMessage: "Key (sign_in_name)=(alex-rivers-0001) already exists." },
        },
      };
    }
    const database = new PrismaClientKnownRequestError("Unique constraint failed: Key (sign_in_name)=(alex-rivers-0001)");
    log.error({ err: new TypeError(`could not save: ${database.message}`, { cause: database }) }, "unhandled server error");
    const output = lines.join("");
    expect(output).not.toContain("alex-rivers-0001");
    const err = JSON.parse(output).err;
    expect(err.kind).toBe("constraint");
    expect(err.cause).toMatchObject({ type: "PrismaClientKnownRequestError", code: "P2002", sqlState: "23505", kind: "constraint" });
  });

  it("says the database was unreachable, with Prisma's code and the adapter's kind", () => {
    const { lines, log } = capturingLogger("info");
    class PrismaClientKnownRequestError extends Error {
      code = "P1001";
      meta = {
        modelName: "Session",
        driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "10.0.0.4", port: 5432 } },
      };
    }
    log.error({ err: new PrismaClientKnownRequestError("Can't reach database server at 10.0.0.4:5432") }, "unhandled server error");
    const err = JSON.parse(lines.join("")).err;
    expect(err).toMatchObject({ kind: "database unreachable", code: "P1001", adapterKind: "DatabaseNotReachable" });
    expect(err.message).toContain("database unreachable");
  });

  it("logs a thrown Response as its status, not [object Object]", () => {
    const { lines, log } = capturingLogger("info");
    log.error({ err: new Response("Not found", { status: 404 }) }, "unhandled server error");
    const output = lines.join("");
    expect(output).not.toContain("[object Object]");
    expect(JSON.parse(output).err).toMatchObject({ type: "Response", status: 404 });
  });

  it("logs Remix's own refusal (an ErrorResponse) as its status, without its text naming routes", () => {
    const { lines, log } = capturingLogger("info");
    // What Remix hands handleError for a post to a route without an action.
    const refusal = new ErrorResponseImpl(
      405,
      "Method Not Allowed",
      new Error('You made a POST request to "/staff" but did not provide an `action` for route "routes/staff"'),
      true,
    );
    log.warn({ err: refusal, nested: { refusal } }, "request refused");
    const output = lines.join("");
    expect(output).not.toContain("routes/staff");
    expect(output).not.toContain("withheld");
    expect(JSON.parse(output).err).toMatchObject({ type: "ErrorResponse", status: 405 });
    expect(JSON.parse(output).nested.refusal).toMatchObject({ type: "ErrorResponse", status: 405 });
  });

  it("makes an error safe wherever it sits in the logged object", () => {
    const { lines, log } = capturingLogger("info");
    class PrismaClientUnknownRequestError extends Error {}
    log.warn({ step: "x", failure: { error: new PrismaClientUnknownRequestError('value "Jasmine" too long') } }, "nested error");
    const output = lines.join("");
    expect(output).not.toContain("Jasmine");
    expect(JSON.parse(output).failure.error.type).toBe("PrismaClientUnknownRequestError");
  });

  it("logs a request by method and path shape only", () => {
    expect(describeRequest("GET", "http://x/staff/people/cm1a2b3c4d5e6f7g8h9i0j1k2/notes?q=Okafor")).toEqual({
      method: "GET",
      path: "/staff/people/:id/notes",
    });
  });
});
