import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/session.server";
import { DoneNotice, FormError, TextArea } from "~/components/form-fields";
import { parseForm, valueOf } from "~/forms/parse";
import { accepted, readIntent, refused } from "~/forms/reply";
import { loadConversationForStaff, sendAsStaff, setReplies } from "~/messages/messages.server";
import { MAX_MESSAGE_CHARACTERS, STAFF_REFUSALS, messageBody } from "~/messages/words";
import { CHANNEL_WORDS, NOT_NOTIFIED_WORDS } from "~/notifications/words";
import { pageMeta } from "~/safety/neutral-titles";
import { useDates } from "~/time/context";
import { readRecordForm } from "~/casework/record-form.server";

/**
 * The worker's conversation with one person, beside their record: every message (also those the
 * person removed from their own view), when the person first read each one, whether they were told
 * of it, a box to write (from a service template if wanted), and replies on or off.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const conversation = await loadConversationForStaff(viewer, params.personId ?? "");
  const templateId = new URL(request.url).searchParams.get("template");
  const template = templateId ? (conversation.templates.find((t) => t.id === templateId) ?? null) : null;
  return { ...conversation, draft: template?.body ?? null };
}

const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send") }),
  z.object({ intent: z.literal("replies"), allowed: z.enum(["on", "off"]) }),
]);
const sendSchema = z.object({ body: messageBody });

function notifiedWords(outcome: { sent: true; channel: string | null } | { sent: false; reason: string | null }) {
  if (outcome.sent) return `They were told "You have a new message"${outcome.channel ? ` by ${CHANNEL_WORDS[outcome.channel] ?? outcome.channel}` : ""}.`;
  return `No notification was sent${outcome.reason ? `: ${NOT_NOTIFIED_WORDS[outcome.reason] ?? outcome.reason}` : ""}.`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Someone else's record answers 404 before its form is read.
  const { viewer, person, values } = await readRecordForm(request, params.personId);
  const intent = readIntent(intents, values);
  if (!intent) return refused({ form: "Choose what to do" });
  if (intent.intent === "replies") {
    const changed = await setReplies(viewer, person.id, intent.allowed === "on");
    if (!changed.ok) return refused({ form: "Send a message first: replies are set for a conversation you have with this person." }, { status: 409 });
    return accepted(intent.allowed === "on" ? "They can reply now." : "Replies are off: they can read but not reply.");
  }
  const form = parseForm(sendSchema, values);
  if (!form.ok) return refused(form.fields, { values: form.values });
  const sent = await sendAsStaff(viewer, person.id, form.data.body);
  if (!sent.ok) return refused({ form: STAFF_REFUSALS[sent.refusal] }, { values, status: sent.refusal === "too-many" ? 429 : 409 });
  const n = sent.notification;
  return accepted(`Sent. ${notifiedWords(n.outcome === "SENT" ? { sent: true, channel: n.channel } : { sent: false, reason: n.reason })}`);
}

export default function StaffConversation() {
  const dates = useDates();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main>
      <h1>Messages with {data.person.name}</h1>
      <p>
        <a href={`/staff/people/${data.person.id}`}>Back to the record</a> · <a href="/staff/messages">All your conversations</a>
      </p>
      <DoneNotice message={result?.done} />
      <section className="card" aria-labelledby="conversation-heading">
        <h2 id="conversation-heading">Your conversation</h2>
        {data.messages.length === 0 ? <p className="muted">No messages yet.</p> : null}
        <ul className="plain messages">
          {data.messages.map((m) => (
            <li key={m.id} className={m.mine ? "message" : "message message--mine"}>
              <p className="muted small">
                {m.mine ? "You" : data.person.name} · {dates.dayTime(m.at)}
              </p>
              <p className="message__text">{m.text}</p>
              <p className="muted small">
                {m.mine ? (m.readAt ? `Read ${dates.dayTime(m.readAt)}` : "Not read yet") : null}
                {m.mine && m.notification ? ` · ${notifiedWords(m.notification)}` : null}
                {m.removedByPerson ? `${m.mine ? " · " : ""}Removed from their view (kept on the record)` : null}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {data.maySend ? (
        <>
          <Form method="post" className="card" noValidate autoComplete="off">
            <h2>Write a message</h2>
            <FormError message={result?.fields.form} />
            <TextArea
              key={data.draft ?? (result?.done ? data.messages.length : "body")}
              name="body"
              label="Message"
              hint={`Plain text, up to ${MAX_MESSAGE_CHARACTERS.toLocaleString("en-GB")} characters. They are told only "You have a new message", and only on a safe way inside their safe times.`}
              rows={5}
              error={result?.fields.body}
              defaultValue={result?.values ? valueOf(result.values, "body") : (data.draft ?? undefined)}
            />
            <button type="submit" name="intent" value="send">
              Send
            </button>
          </Form>
          {data.templates.length > 0 ? (
            <Form method="get" className="card">
              <label htmlFor="template">Start from a template</label>
              <select id="template" name="template">
                {data.templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title}
                  </option>
                ))}
              </select>
              <p>
                <button type="submit" className="secondary">
                  Use this template
                </button>
              </p>
            </Form>
          ) : null}
          {data.threadId ? (
            <Form method="post" className="card">
              <h2>Replies</h2>
              <p>{data.repliesAllowed ? "They can reply to you." : "They can read your messages but not reply."}</p>
              <input type="hidden" name="allowed" value={data.repliesAllowed ? "off" : "on"} />
              <button type="submit" name="intent" value="replies" className="secondary">
                {data.repliesAllowed ? "Turn replies off" : "Turn replies on"}
              </button>
            </Form>
          ) : null}
        </>
      ) : (
        <p className="card">{STAFF_REFUSALS["not-allocated"]}</p>
      )}
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Messages");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
