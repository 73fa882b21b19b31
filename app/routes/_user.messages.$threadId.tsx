import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePerson } from "~/auth/session.server";
import { FormError, TextArea } from "~/components/form-fields";
import { voiceOf } from "~/age-bands/band-words";
import { formValues, parseForm, valueOf } from "~/forms/parse";
import { accepted, formId, readIntent, refused } from "~/forms/reply";
import { loadOwnConversation, removeFromView, replyAsPerson, requireOwnConversation } from "~/messages/messages.server";
import { MESSAGE_WORDS, REPLY_REFUSALS, messageBody } from "~/messages/words";
import { serviceUserMeta } from "~/safety/neutral-titles";
import { useDates } from "~/time/context";
import type { loader as layoutLoader } from "./_user";

/**
 * One of the person's own conversations: the messages in their view as plain text, a reply box
 * where replies are allowed, and "remove from my view" for one message or the whole conversation.
 * Opening it tells the worker when the person first read each message.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request);
  return loadOwnConversation(viewer, params.threadId ?? "");
}

const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reply") }),
  z.object({ intent: z.literal("remove"), messageId: formId }),
  z.object({ intent: z.literal("remove-all") }),
]);
const replySchema = z.object({ body: messageBody });

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePerson(request);
  const threadId = params.threadId ?? "";
  // Someone else's conversation answers 404 before the form is read.
  await requireOwnConversation(viewer, threadId);
  const values = formValues(await request.formData());
  const intent = readIntent(intents, values);
  if (!intent) return refused({ form: "Choose what to do" });
  switch (intent.intent) {
    case "remove":
      await removeFromView(viewer, { messageId: intent.messageId });
      return accepted("removed");
    case "remove-all":
      await removeFromView(viewer, { threadId });
      throw redirect("/messages?removed=1");
    case "reply": {
      const form = parseForm(replySchema, values);
      if (!form.ok) return refused(form.fields, { values: form.values });
      const sent = await replyAsPerson(viewer, threadId, form.data.body);
      if (!sent.ok) return refused({ form: REPLY_REFUSALS[sent.refusal] }, { values, status: sent.refusal === "too-many" ? 429 : 409 });
      return accepted("sent");
    }
  }
}

export default function Conversation() {
  const dates = useDates();
  const c = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const words = MESSAGE_WORDS[voiceOf(useRouteLoaderData<typeof layoutLoader>("routes/_user"))];
  const done = result?.done === "sent" ? words.sent : result?.done === "removed" ? words.removed : null;
  return (
    <main>
      <h1>
        {words.from} {c.with}
      </h1>
      {done ? (
        <p role="status" className="card notice">
          {done}
        </p>
      ) : null}
      <section className="card" aria-label={words.heading}>
        {c.messages.length === 0 ? <p className="muted">{words.none}</p> : null}
        <ul className="plain messages">
          {c.messages.map((m) => (
            <li key={m.id} className={m.mine ? "message message--mine" : "message"}>
              <p className="muted small">
                {m.mine ? words.you : c.with} · {dates.dayTime(m.at)}
              </p>
              {/* Plain text only: React prints it as text, so nothing in it is markup or a link. */}
              <p className="message__text">{m.text}</p>
              <Form method="post" className="message__remove">
                <input type="hidden" name="messageId" value={m.id} />
                <button type="submit" name="intent" value="remove" className="secondary small">
                  {words.remove}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {c.messages.length > 0 ? <p className="muted small">{words.links}</p> : null}
      </section>
      {c.mayReply ? (
        <Form method="post" className="card" noValidate autoComplete="off">
          <FormError message={result?.fields.form} />
          {/* A new key after each reply sent empties the box; a refused one keeps what was typed. */}
          <TextArea
            key={result?.done === "sent" ? c.messages.length : "reply"}
            name="body"
            label={words.reply}
            rows={4}
            error={result?.fields.body}
            defaultValue={result?.values ? valueOf(result.values, "body") : undefined}
          />
          <button type="submit" name="intent" value="reply">
            {words.send}
          </button>
        </Form>
      ) : (
        <p className="card">{c.refusal ? REPLY_REFUSALS[c.refusal] : null}</p>
      )}
      {c.disappearAfterDays ? <p className="muted small">{words.disappear(c.disappearAfterDays)}</p> : null}
      {c.messages.length > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="remove-all" className="secondary">
            {words.removeAll}
          </button>
        </Form>
      ) : null}
      <p>
        <a href="/messages">{words.back}</a>
      </p>
    </main>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
