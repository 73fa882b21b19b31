import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/session.server";
import { DoneNotice, FormError, TextArea, TextField } from "~/components/form-fields";
import { checkbox, readWholeNumber, text } from "~/forms/fields";
import { formValues, parseForm, valueOf } from "~/forms/parse";
import { accepted, formId, readIntent, refused } from "~/forms/reply";
import { addTemplate, archiveTemplate, listTemplates, loadMessageSettings, saveMessageSettings } from "~/messages/messages.server";
import { MAX_MESSAGE_CHARACTERS, messageBody } from "~/messages/words";
import { pageMeta } from "~/safety/neutral-titles";

/**
 * The service's messages: how long read messages stay in a person's own view, whether under-8s may
 * reply, and the templates workers start common messages from. Managers and administrators.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN", "MANAGER"]);
  const [settings, templates] = await Promise.all([loadMessageSettings(viewer.staff.serviceId), listTemplates(viewer.staff.serviceId)]);
  return { settings, templates };
}

const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("settings") }),
  z.object({ intent: z.literal("add-template") }),
  z.object({ intent: z.literal("archive-template"), templateId: formId }),
]);

const settingsSchema = z.object({
  // Empty: read messages stay until the person removes them.
  // Read the one strict way (app/forms/fields.ts): blank is "never", anything but plain digits is refused.
  messagesDisappearAfterDays: z
    .string()
    .optional()
    .transform((v) => readWholeNumber(v))
    .refine((n) => n === null || (Number.isSafeInteger(n) && n >= 1 && n <= 365), "Enter a number of days from 1 to 365, or leave it empty"),
  messageRepliesUnder8: checkbox,
});

const templateSchema = z.object({
  title: text({ max: 80, required: "Give the template a short title" }),
  body: messageBody,
});

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN", "MANAGER"]);
  const values = formValues(await request.formData());
  const intent = readIntent(intents, values);
  if (!intent) return refused({ form: "Choose what to do" });
  switch (intent.intent) {
    case "settings": {
      const form = parseForm(settingsSchema, values);
      if (!form.ok) return refused(form.fields, { form: "settings", values: form.values });
      await saveMessageSettings(viewer, form.data);
      return accepted("Saved.", { form: "settings" });
    }
    case "add-template": {
      const form = parseForm(templateSchema, values);
      if (!form.ok) return refused(form.fields, { form: "template", values: form.values });
      const added = await addTemplate(viewer, form.data);
      if (!added.ok) return refused({ title: "A template already has this title: choose another" }, { form: "template", values, status: 409 });
      return accepted("Template added.", { form: "template" });
    }
    case "archive-template": {
      if (!(await archiveTemplate(viewer, intent.templateId))) return refused({ form: "That template is not in use." }, { form: "template", status: 404 });
      return accepted("Template withdrawn.", { form: "template" });
    }
  }
}

export default function MessageSettings() {
  const { settings, templates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const settingsReply = result?.form === "settings" ? result : undefined;
  const templateReply = result?.form === "template" ? result : undefined;
  return (
    <main>
      <h1>Message settings</h1>
      <DoneNotice message={result?.done} />
      <Form method="post" className="card" noValidate>
        <h2>In a person&apos;s own view</h2>
        <FormError message={settingsReply?.fields.form} />
        <TextField
          name="messagesDisappearAfterDays"
          label="Days after a person reads a message before it leaves their view"
          hint="So a phone picked up later shows little. Kept on the record. Leave empty to keep messages until the person removes them."
          inputMode="numeric"
          error={settingsReply?.fields.messagesDisappearAfterDays}
          defaultValue={
            settingsReply?.values ? valueOf(settingsReply.values, "messagesDisappearAfterDays") : (settings.messagesDisappearAfterDays?.toString() ?? "")
          }
        />
        <div className="field">
          <label className="choice">
            <input type="checkbox" name="messageRepliesUnder8" defaultChecked={settings.messageRepliesUnder8} /> Children under 8 may reply where their worker
            allows replies
          </label>
        </div>
        <button type="submit" name="intent" value="settings">
          Save
        </button>
      </Form>
      <section className="card" aria-labelledby="templates-heading">
        <h2 id="templates-heading">Templates</h2>
        <FormError message={templateReply?.fields.form} />
        {templates.length === 0 ? <p className="muted">No templates yet.</p> : null}
        <ul className="plain">
          {templates.map((t) => (
            <li key={t.id}>
              <strong>{t.title}</strong>
              <p className="message__text">{t.body}</p>
              <Form method="post">
                <input type="hidden" name="templateId" value={t.id} />
                <button type="submit" name="intent" value="archive-template" className="secondary">
                  Withdraw
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" noValidate autoComplete="off">
          <h3>Add a template</h3>
          <TextField
            name="title"
            label="Title (workers choose by it)"
            error={templateReply?.fields.title}
            defaultValue={templateReply?.values ? valueOf(templateReply.values, "title") : undefined}
          />
          <TextArea
            name="body"
            label="Words"
            hint={`Plain text, up to ${MAX_MESSAGE_CHARACTERS.toLocaleString("en-GB")} characters. No names: the worker adds anything personal.`}
            error={templateReply?.fields.body}
            defaultValue={templateReply?.values ? valueOf(templateReply.values, "body") : undefined}
          />
          <button type="submit" name="intent" value="add-template">
            Add template
          </button>
        </Form>
      </section>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Message settings");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
