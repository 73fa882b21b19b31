import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { requirePerson } from "~/auth/session.server";
import { useDates } from "~/time/context";
import { QuestionField } from "~/components/question-field";
import { readWholeNumber } from "~/forms/fields";
import { formValues, valueOf, type FormValues } from "~/forms/parse";
import { VERSION_FIELD } from "~/forms/stale";
import { AUTOSAVE_INTENT, skipRevalidateOnAutosave, useAutosave, type AutosaveState } from "~/questionnaires/autosave";
import { discardDraft, loadFilling, savePage, submit } from "~/questionnaires/filling.server";
import { serviceUserMeta } from "~/safety/neutral-titles";

/**
 * Filling in a questionnaire, one section a page. Each page is a plain form: it works with
 * JavaScript off, and each "Save and continue" stores the answers on the server. With
 * JavaScript, answers are also saved as they are given. Leaving in the middle (quick exit
 * included) keeps what was saved; signing in again resumes at the same page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request);
  const url = new URL(request.url);
  // Sent back from "Send" with a required answer missing: the page says which.
  const view = await loadFilling(viewer, params.assignmentId ?? "", url.searchParams.get("page"), { showMissing: url.searchParams.get("missing") === "1" });
  return { view, confirmDiscard: url.searchParams.get("discard") === "ask" };
}

type ActionData = { errors: Record<string, string>; values?: FormValues; saved?: string; version?: number; stale?: true };

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePerson(request);
  const assignmentId = params.assignmentId ?? "";
  const base = `/forms/${assignmentId}`;
  const values = formValues(await request.formData());
  const intent = typeof values.intent === "string" ? values.intent : "";
  // Plain digits only; anything else names no page (-1) and is refused by savePage.
  const page = readWholeNumber(valueOf(values, "page")) ?? -1;
  // The version of the answers the page holds; a page that cannot say is never taken as current (-1).
  const sentVersion = readWholeNumber(valueOf(values, VERSION_FIELD));
  const version = sentVersion === null || Number.isNaN(sentVersion) ? -1 : sentVersion;

  if (intent === "discard") {
    if (values.confirm !== "yes") return redirect(`${base}?discard=ask`);
    await discardDraft(viewer, assignmentId);
    return redirect("/home");
  }
  if (intent === "submit") {
    const result = await submit(viewer, assignmentId, new Date(), version);
    if (result.ok) return redirect(base);
    if (typeof result.page === "number") return redirect(`${base}?page=${result.page}&missing=1`);
    return Response.json({ errors: result.errors } satisfies ActionData, { status: result.status });
  }
  const move = intent === "next" ? "next" : intent === "back" ? "back" : intent === "check" ? "check" : "stay";
  const answers = Object.fromEntries(Object.entries(values).filter(([key]) => key !== "intent" && key !== "page" && key !== VERSION_FIELD));
  const result = await savePage(viewer, assignmentId, Number.isNaN(page) ? -1 : page, answers, { move, version });
  // Stale: what they chose stays on the page, which now holds the newest version, so saving
  // again is their choice, made knowing.
  if (!result.ok && "stale" in result)
    return Response.json({ errors: result.errors, values: { ...values, [VERSION_FIELD]: String(result.version) }, stale: true } satisfies ActionData, {
      status: 409,
    });
  // Saved with a required answer missing: the page now holds the version just written.
  if (!result.ok && result.version !== undefined)
    return Response.json({ errors: result.errors, values: { ...values, [VERSION_FIELD]: String(result.version) } } satisfies ActionData, {
      status: result.status,
    });
  if (!result.ok) return Response.json({ errors: result.errors, values } satisfies ActionData, { status: result.status });
  if (intent === AUTOSAVE_INTENT) return Response.json({ errors: {}, saved: new Date().toISOString(), version: version + 1 } satisfies ActionData);
  if (intent === "later") return redirect("/home");
  if (result.nextPage === "check") return redirect(`${base}?page=check`);
  return redirect(`${base}?page=${result.nextPage ?? page}`);
}

/** An answer saved in the background changes nothing on the page: no need to load it again. */
export const shouldRevalidate = skipRevalidateOnAutosave;

export default function FillIn() {
  const { view, confirmDiscard } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const young = view.state !== "submitted" && view.state !== "closed" && view.band !== null;
  const under8 = view.state !== "submitted" && view.state !== "closed" && view.band === "under-8";

  if (view.state === "submitted") {
    return (
      <main>
        <h1>Thank you</h1>
        <p className="card">Your answers have been sent.</p>
        <HelpNow />
        <p>
          <a href="/home">Back to home</a>
        </p>
      </main>
    );
  }
  if (view.state === "closed") {
    return (
      <main>
        <h1>{view.title}</h1>
        <p className="card">This is no longer open to answer. There is nothing you need to do.</p>
        <p>
          <a href="/home">Back to home</a>
        </p>
      </main>
    );
  }

  if (confirmDiscard) {
    return (
      <main>
        <h1>Discard your answers?</h1>
        <p className="card">The answers you have saved for “{view.title}” will be deleted. You can start again later.</p>
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="discard" />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit">Yes, discard my answers</button>
          <a href={`/forms/${view.assignmentId}`}>No, keep them</a>
        </Form>
      </main>
    );
  }

  if (view.state === "check") {
    return (
      <main className={under8 ? "form-under-8" : undefined}>
        <h1>{under8 ? "All done?" : "Check your answers"}</h1>
        {result?.errors.form ? (
          <p role="alert" className="form-error">
            {result.errors.form}
          </p>
        ) : null}
        {view.pages.map((p) => (
          <section key={p.index} className="card" aria-labelledby={`check-${p.index}`}>
            <h2 id={`check-${p.index}`}>{p.title}</h2>
            <dl className="check">
              {p.answers.map((a) => (
                <div key={a.key} className="check__row">
                  <dt>{a.label}</dt>
                  <dd>{a.answer ?? <span className="muted">{under8 ? "—" : "Not answered"}</span>}</dd>
                </div>
              ))}
            </dl>
            <a href={`/forms/${view.assignmentId}?page=${p.index}`}>
              {under8 ? "Change" : "Change your answers"}
              <span className="visually-hidden"> for {p.title}</span>
            </a>
          </section>
        ))}
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="submit" />
          <input type="hidden" name={VERSION_FIELD} value={view.version} />
          <button type="submit" className={under8 ? "big-button" : undefined}>
            {under8 ? "Send" : "Send my answers"}
          </button>
        </Form>
        <DiscardLink assignmentId={view.assignmentId} young={young} />
        {view.licence ? <p className="licence">{view.licence}</p> : null}
      </main>
    );
  }

  // A new page is a new form: its answers, follow-ups and background saves start from that page.
  return (
    <PageForm
      key={view.pageIndex}
      view={view}
      errors={{ ...view.missing, ...(result?.errors ?? {}) }}
      typed={result?.values}
      stale={result?.stale === true}
      under8={under8}
      young={young}
    />
  );
}

type PageView = Extract<ReturnType<typeof useLoaderData<typeof loader>>["view"], { state: "page" }>;

function PageForm({
  view,
  errors,
  typed,
  stale,
  under8,
  young,
}: {
  view: PageView;
  errors: Record<string, string>;
  typed?: FormValues;
  stale: boolean;
  under8: boolean;
  young: boolean;
}) {
  const dates = useDates();
  const submitPage = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const sendPage = useCallback(
    (data: FormData) => submitPage(data, { method: "post", action: `/forms/${view.assignmentId}?page=${view.pageIndex}` }),
    [submitPage, view.assignmentId, view.pageIndex],
  );
  // A page posted and refused as stale comes back with the newest version in what was typed.
  const typedVersion = readWholeNumber(valueOf(typed, VERSION_FIELD));
  const autosave = useAutosave({
    assignmentId: view.assignmentId,
    form: formRef,
    version: typedVersion === null || Number.isNaN(typedVersion) ? view.version : typedVersion,
    stale,
    submitPage: sendPage,
  });
  // With JavaScript, a follow-up question appears only once its condition holds; without it,
  // every follow-up shows, with a note saying when it applies.
  const [hydrated, setHydrated] = useState(false);
  const [current, setCurrent] = useState<Record<string, string[]>>(() =>
    Object.fromEntries(Object.entries(view.answers).map(([k, v]) => [k, Array.isArray(v) ? v : [String(v)]])),
  );
  useEffect(() => setHydrated(true), []);

  const valueOfItem = (key: string) => {
    const t = typed?.[key];
    if (t !== undefined) return t;
    return view.answers[key];
  };
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    const next: Record<string, string[]> = {};
    for (const key of new Set(data.keys())) next[key] = data.getAll(key).map(String);
    setCurrent(next);
    // Typing is saved after a pause; a tap on an answer at once.
    const typing =
      event.target instanceof HTMLTextAreaElement ||
      (event.target instanceof HTMLInputElement && (event.target.type === "text" || event.target.type === "date"));
    autosave.schedule(typing ? 800 : 0);
  };
  // A background save refused for an answer (too long, say) saves nothing: the answer says why,
  // and the page says it is not saved yet.
  const { form: autosaveMessage, ...autosaveErrors } = autosave.errors;
  const shownErrors: Record<string, string> = { ...errors, ...autosaveErrors, ...(autosaveMessage ? { form: autosaveMessage } : {}) };
  const saveState = saveStateWords(autosave.state, Object.keys(autosaveErrors).length > 0, dates.time);
  const conditionNote = (showIf: { item: string; in: string[] } | null) => {
    if (!showIf) return null;
    const source = view.section.items.find((i) => i.key === showIf.item);
    if (!source) return null;
    const words = showIf.in
      .map((v) => (source.type === "yes-no" ? (v === "yes" ? "yes" : "no") : (source.options.find((o) => o.value === v)?.label ?? v)))
      .join(" or ");
    return `Only if you answered “${words}” above.`;
  };

  return (
    <main className={under8 ? "form-under-8" : undefined}>
      <p className="muted">
        {view.title} · {under8 ? `${view.pageIndex + 1} of ${view.pageCount}` : `Page ${view.pageIndex + 1} of ${view.pageCount}`}
      </p>
      <h1>{view.section.title}</h1>
      {view.section.intro ? <p>{view.section.intro}</p> : null}
      {shownErrors.form ? (
        <p role="alert" className="form-error">
          {shownErrors.form}
        </p>
      ) : Object.keys(shownErrors).length > 0 ? (
        <p role="alert" className="form-error">
          {young ? "Have another look at the questions marked below." : "Some answers need another look. Each one says why."}
        </p>
      ) : null}
      {/* autoComplete off: the browser keeps no form state of what is typed here (not in its session-restore files, not as
          autofill suggestions), so the next person holding the phone finds none of it (issue 13). Drafts live on the server. */}
      <Form method="post" ref={formRef} onChange={onChange} onSubmit={autosave.onSubmit} noValidate className="questionnaire" autoComplete="off">
        <input type="hidden" name="page" value={view.pageIndex} />
        <input type="hidden" name={VERSION_FIELD} value={autosave.version} />
        {view.section.items.map((item) => {
          const hidden = hydrated && item.showIf !== null && !(current[item.showIf.item] ?? []).some((v) => item.showIf?.in.includes(v));
          return (
            <div key={item.key} hidden={hidden}>
              <QuestionField
                item={item}
                value={valueOfItem(item.key)}
                error={shownErrors[item.key]}
                band={view.band}
                conditionNote={hydrated ? null : conditionNote(item.showIf)}
              />
            </div>
          );
        })}
        <p className="save-state" role="status" aria-live="polite">
          {saveState}
        </p>
        <div className="actions">
          <button type="submit" name="intent" value="next" className={under8 ? "big-button" : undefined}>
            {under8 ? "Next" : view.pageIndex + 1 === view.pageCount ? "Save and check my answers" : "Save and continue"}
          </button>
          {view.pageIndex > 0 ? (
            <button type="submit" name="intent" value="back" className="secondary">
              Back
            </button>
          ) : null}
          <button type="submit" name="intent" value="later" className="secondary">
            {under8 ? "Stop for now" : "Save and finish later"}
          </button>
        </div>
      </Form>
      {view.started ? <DiscardLink assignmentId={view.assignmentId} young={young} /> : null}
      {view.licence ? <p className="licence">{view.licence}</p> : null}
    </main>
  );
}

/**
 * The line under the questions that says where the answers are. A failed save says plainly that
 * the last answer is not saved yet, and that it is being tried again.
 */
function saveStateWords(state: AutosaveState, refusedAnswers: boolean, time: (at: Date | string) => string): string {
  switch (state.kind) {
    case "saving":
      return "Saving…";
    case "saved":
      return `Saved at ${time(state.at)}`;
    case "refused":
      return state.message ?? (refusedAnswers ? "Not saved yet" : "");
    case "stale":
      return "Not saved yet";
    case "failed":
      return state.attempts < 3
        ? "Your last answer is not saved yet. Trying again…"
        : "Your last answer is not saved yet. Check your signal; we will keep trying, or you can press the button below to save the page.";
    case "idle":
      return "";
  }
}

function DiscardLink({ assignmentId, young }: { assignmentId: string; young: boolean }) {
  return (
    <Form method="post" action={`/forms/${assignmentId}`} className="discard">
      <input type="hidden" name="intent" value="discard" />
      <button type="submit" className="link-button">
        {young ? "Start again (delete my answers)" : "Discard my answers"}
      </button>
    </Form>
  );
}

/** Said to everyone after sending, whatever they answered: never whether anyone was told. */
function HelpNow() {
  return (
    <section className="card" aria-labelledby="help-heading">
      <h2 id="help-heading">If you need help now</h2>
      <p>If you are in danger, call 999. If you cannot speak, call 999 and press 55 when asked.</p>
      <p>You can also contact your worker in the way you agreed with them.</p>
    </section>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
