import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from "react";

/**
 * The intent of an answer saved in the background, as it is given. The form route answers it with
 * "saved" and nothing else; the page and the frame around it stay as they are.
 */
export const AUTOSAVE_INTENT = "save";

export const skipRevalidateOnAutosave: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === AUTOSAVE_INTENT ? false : defaultShouldRevalidate;

/** Where a page's answers are saved in the background: a resource route that only ever answers JSON. */
export function autosaveUrl(assignmentId: string) {
  return `/forms/${encodeURIComponent(assignmentId)}/save`;
}

/** What the background-save route answers. */
export type AutosaveReply =
  | { saved: string; version: number }
  /** Refused: an answer that does not fit (400), the questionnaire sent or closed (409), or stale (409, with the version now). */
  | { errors: Record<string, string>; stale?: true; version?: number };

export type AutosaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  /** The server looked at the answer and refused it: retrying would not help. */
  | { kind: "refused"; message: string | null }
  /** The answers changed elsewhere: background saves pause until the person chooses. */
  | { kind: "stale"; message: string }
  /** The save did not reach the database (server error, outage, no signal): it is tried again. */
  | { kind: "failed"; attempts: number };

/** First retry after 1 s, doubling to at most 30 s: an outage of minutes is not hammered. */
export function retryDelayMs(attempts: number) {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Saves a questionnaire page in the background as it is answered, one save at a time.
 *
 * - Saves go one at a time, so an earlier save can never land after a later one and undo it:
 *   while one is on its way, the next waits (each sends the whole page, so only the latest
 *   matters), and a button pressed meanwhile is sent once the save is back.
 * - A save that fails (a 5xx, a network error, anything that is not the route's JSON) never
 *   replaces the page: plain `fetch`, not a Remix fetcher, whose errors go to the error boundary.
 *   The state says the last answer is not saved yet and it is tried again with backoff
 *   (`retryDelayMs`); a newer answer, or a button press, sends everything at once instead.
 * - Every save names the version of the answers the page holds; a stale one is refused by the
 *   server (docs/decisions/024-stale-writes-refused.md), and background saves pause: only a
 *   button pressed by the person, knowing, replaces the newer answers.
 *
 * @param options.version the version the page was drawn from (or the server's newest, after a refused post)
 * @param options.stale the page's own post was just refused as stale: background saves pause too
 * @param options.submitPage sends the whole page as the button pressed would (a navigation)
 */
export function useAutosave(options: {
  assignmentId: string;
  form: RefObject<HTMLFormElement>;
  version: number;
  stale: boolean;
  submitPage: (data: FormData) => void;
}) {
  const { assignmentId, form, submitPage } = options;
  const [state, setState] = useState<AutosaveState>({ kind: "idle" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [version, setVersion] = useState(options.version);
  const versionRef = useRef(options.version);
  const inFlight = useRef(false);
  const waiting = useRef(false);
  const pressed = useRef<string | null>(null);
  const stale = useRef(false);
  const attempts = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const mounted = useRef(true);

  const adoptVersion = useCallback((next: number) => {
    versionRef.current = next;
    setVersion(next);
  }, []);
  // A post answered by the server (a refused page) carries the newest version.
  useEffect(() => adoptVersion(options.version), [options.version, adoptVersion]);
  useEffect(() => {
    if (options.stale) stale.current = true;
  }, [options.stale, options.version]);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(timer.current);
    };
  }, []);

  const pageData = useCallback(
    (intent: string) => {
      const element = form.current;
      if (!element) return null;
      const data = new FormData(element);
      data.set("intent", intent);
      data.set("version", String(versionRef.current));
      return data;
    },
    [form],
  );

  const save = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      waiting.current = true;
      return;
    }
    if (stale.current) return;
    const data = pageData(AUTOSAVE_INTENT);
    if (!data) return;
    inFlight.current = true;
    setState({ kind: "saving" });
    let reply: AutosaveReply | null = null;
    let status = 0;
    try {
      // Not followed: a redirect (signed out, locked) is not a save.
      // Sent as an ordinary form (urlencoded, as the page's own post): every field is text.
      const body = new URLSearchParams();
      for (const [key, value] of data.entries()) if (typeof value === "string") body.append(key, value);
      const response = await fetch(autosaveUrl(assignmentId), {
        method: "POST",
        body,
        headers: { Accept: "application/json" },
        redirect: "manual",
        credentials: "same-origin",
      });
      status = response.status;
      if ((response.headers.get("Content-Type") ?? "").startsWith("application/json")) reply = (await response.json()) as AutosaveReply;
    } catch {
      // No signal, server gone: handled below as not saved.
    }
    inFlight.current = false;
    if (!mounted.current) return;
    if (reply && "saved" in reply && status === 200) {
      attempts.current = 0;
      adoptVersion(reply.version);
      setErrors({});
      setState({ kind: "saved", at: reply.saved });
    } else if (reply && "errors" in reply && (status === 400 || status === 409)) {
      attempts.current = 0;
      const message = reply.errors.form;
      setErrors(reply.errors);
      if (reply.stale) {
        stale.current = true;
        if (reply.version !== undefined) adoptVersion(reply.version);
        setState({ kind: "stale", message: message ?? "" });
      } else {
        setState({ kind: "refused", message: message ?? null });
      }
    } else {
      attempts.current += 1;
      setState({ kind: "failed", attempts: attempts.current });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), retryDelayMs(attempts.current));
    }
    const button = pressed.current;
    if (button !== null) {
      pressed.current = null;
      waiting.current = false;
      clearTimeout(timer.current);
      const page = pageData(button);
      if (page) submitPage(page);
    } else if (waiting.current) {
      waiting.current = false;
      clearTimeout(timer.current);
      void save();
    }
  }, [assignmentId, pageData, submitPage, adoptVersion]);

  /** An answer changed: save it after `delayMs` (a pause in typing), sooner than any pending retry. */
  const schedule = useCallback(
    (delayMs: number) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), delayMs);
    },
    [save],
  );

  /** A button pressed: the page goes as a whole, after any save on its way. */
  const onSubmit = useCallback((event: FormEvent<HTMLFormElement>) => {
    clearTimeout(timer.current);
    waiting.current = false;
    // Pressed knowing (the page said the answers changed elsewhere): this page's answers go.
    stale.current = false;
    if (!inFlight.current) return;
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    pressed.current = submitter instanceof HTMLButtonElement ? submitter.value : "next";
  }, []);

  return { state, errors, version, schedule, onSubmit };
}
