import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { ChoiceGroup, DoneNotice, FormError, optionsFrom, SelectField, TextField } from "~/components/form-fields";
import { z } from "zod";
import { formOnPage } from "~/forms/on-page";
import { formValues, parseForm, valueOf } from "~/forms/parse";
import { accepted, formId, readIntent, refused } from "~/forms/reply";
import { VERSION_FIELD } from "~/forms/stale";
import { COVER_THEMES } from "~/service/cover-themes";
import { pageMeta } from "~/safety/neutral-titles";
import {
  addRule,
  loadQuestionnaireUse,
  loadSettings,
  questionnaireUseSchema,
  removeRule,
  ruleSchema,
  saveQuestionnaireUse,
  saveSettings,
  settingsSchema,
} from "~/service/settings.server";
import { personKindLabel } from "~/staff/labels";
import { RowAction } from "~/components/row-action";
import { TableHead } from "~/components/table-head";

/**
 * The service's settings, for an administrator or a manager: where quick exit goes, the cover
 * page, idle and session limits, the small-number threshold for reports, retention, the risk
 * review interval, and which questionnaires are in use and when they are assigned.
 */
const ROLES = ["ADMIN", "MANAGER"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ROLES);
  const [settings, questionnaires] = await Promise.all([loadSettings(viewer.staff.serviceId), loadQuestionnaireUse(viewer.staff.serviceId)]);
  return { settings, ...questionnaires, admin: viewer.staff.role === "ADMIN" };
}

const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("settings") }),
  z.object({ intent: z.literal("questionnaires") }),
  z.object({ intent: z.literal("rule") }),
  z.object({ intent: z.literal("remove-rule"), ruleId: formId }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ROLES);
  const values = formValues(await request.formData());
  const sent = readIntent(intents, values);
  switch (sent?.intent) {
    case "settings": {
      const parsed = parseForm(settingsSchema, values);
      if (!parsed.ok) return refused(parsed.fields, { form: "settings", values });
      const saved = await saveSettings(viewer, parsed.data);
      if (!saved.ok && !saved.stale) return refused(saved.fields, { form: "settings", values });
      // Refused as stale: what they typed stays, and the page now holds the current version.
      if (!saved.ok) return refused(saved.fields, { form: "settings", values: { ...values, [VERSION_FIELD]: String(saved.version) }, status: 409 });
      return accepted("Settings saved.", { form: "settings" });
    }
    case "questionnaires": {
      const parsed = parseForm(questionnaireUseSchema, values);
      const result = parsed.ok ? await saveQuestionnaireUse(viewer, parsed.data.keys, parsed.data.version) : { ok: false as const, fields: parsed.fields };
      // Refused as stale: what they chose stays, and the page now holds the current version.
      if (!result.ok && "stale" in result)
        return refused(result.fields, { form: "questionnaires", values: { ...values, [VERSION_FIELD]: String(result.version) }, status: 409 });
      if (!result.ok) return refused(result.fields, { form: "questionnaires", values });
      return accepted("Questionnaires in use saved.", { form: "questionnaires" });
    }
    case "rule": {
      const parsed = parseForm(ruleSchema, values);
      if (!parsed.ok) return refused(parsed.fields, { form: "rule", values });
      const result = await addRule(viewer, parsed.data);
      if (!result.ok) return refused(result.fields, { form: "rule", values });
      return accepted("Rule added.", { form: "rule" });
    }
    case "remove-rule": {
      if (!(await removeRule(viewer, sent.ruleId))) throw new Response("Not found", { status: 404 });
      return accepted("Rule removed.", { form: "remove-rule" });
    }
    case undefined:
      return refused({ form: "Choose what to save." }, { form: "settings" });
  }
}

const TRIGGER_WORDS = { AT_INTAKE: "When they start", RECURRING: "Every few days while open", AT_CLOSURE: "When their involvement closes" } as const;

export default function Settings() {
  const { settings, definitions, rules, admin, questionnaireUseVersion } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const settingsForm = formOnPage(result, "settings");
  const questionnairesForm = formOnPage(result, "questionnaires");
  const ruleForm = formOnPage(result, "rule");
  /** A settings field: what was sent, else the saved setting. */
  const setting = (name: keyof typeof settings) => settingsForm.field(name, String(settings[name]));
  return (
    <main className="wide">
      <h1>Service settings</h1>
      <DoneNotice message={result?.done} />
      <Form method="post" className="card" noValidate aria-labelledby="settings-heading">
        <h2 id="settings-heading">Safety and sessions</h2>
        <input type="hidden" name="intent" value="settings" />
        <input type="hidden" name={VERSION_FIELD} value={setting("version").defaultValue} />
        <FormError message={settingsForm.errors.form ?? settingsForm.errors[VERSION_FIELD]} />
        <TextField {...setting("name")} label="Service name" hint="Staff see it. Service users never do." />
        <TextField
          {...setting("exitUrl")}
          type="url"
          label="Where quick exit goes"
          hint="A busy, ordinary site that shows nothing personal, such as a weather page."
        />
        {admin ? (
          <TextField
            {...setting("signInPath")}
            label="Sign-in address"
            hint="The only address that shows the sign-in page, like /members. Every other address shows the cover page to anyone not signed in. Tell staff and service users when you change it."
          />
        ) : null}
        <SelectField
          {...setting("coverTheme")}
          label="Cover page at the site's address"
          options={Object.entries(COVER_THEMES).map(([value, theme]) => ({ value, label: `${theme.name}: ${theme.title}` }))}
        />
        <div className="field-row">
          <TextField {...setting("idleLockMinutes")} inputMode="numeric" label="Service users: lock after this many idle minutes" />
          <TextField {...setting("absoluteSessionHours")} inputMode="numeric" label="Service users: longest session in hours" />
          <TextField {...setting("staffIdleMinutes")} inputMode="numeric" label="Staff: lock after this many idle minutes" />
          <TextField {...setting("staffSessionHours")} inputMode="numeric" label="Staff: longest session in hours" />
        </div>
        <h3>Records and reports</h3>
        <div className="field-row">
          <TextField
            {...setting("smallNumberThreshold")}
            inputMode="numeric"
            label="Report counts from 1 up to this number as “fewer than”"
            hint="At least 4."
          />
          <TextField {...setting("retentionMonths")} inputMode="numeric" label="Anonymise records this many months after involvement ends" />
          <TextField {...setting("riskReviewWeeks")} inputMode="numeric" label="Review risk every this many weeks" />
          <TextField
            {...setting("timeZone")}
            label="Time zone for days and times"
            hint="Its IANA name, like Europe/Dublin. Ages, due dates and “today” follow this clock."
          />
        </div>
        <label className="choice" htmlFor="showAccessSummary">
          <input
            id="showAccessSummary"
            type="checkbox"
            name="showAccessSummary"
            value="yes"
            defaultChecked={settingsForm.values ? valueOf(settingsForm.values, "showAccessSummary") === "yes" : settings.showAccessSummary}
          />
          <span>Show people a summary of which staff opened their record</span>
        </label>
        <label className="choice" htmlFor="reportIntervals">
          <input
            id="reportIntervals"
            type="checkbox"
            name="reportIntervals"
            value="yes"
            defaultChecked={settingsForm.values ? valueOf(settingsForm.values, "reportIntervals") === "yes" : settings.reportIntervals}
          />
          <span>Show a 95% confidence interval as a range beside each percentage in the outcome report</span>
        </label>
        <button type="submit">Save settings</button>
      </Form>

      <Form method="post" className="card" noValidate aria-labelledby="questionnaires-heading">
        <h2 id="questionnaires-heading">Questionnaires in use</h2>
        <input type="hidden" name="intent" value="questionnaires" />
        <input type="hidden" name={VERSION_FIELD} value={questionnairesForm.field(VERSION_FIELD, String(questionnaireUseVersion)).defaultValue} />
        <FormError message={questionnairesForm.errors.form ?? questionnairesForm.errors[VERSION_FIELD]} />
        <FormError message={questionnairesForm.errors.keys} />
        <ChoiceGroup
          name="keys"
          label="Switched on for this service"
          hint="Switching one off stops new assignments only; what people were already asked stays answerable."
          multiple
          options={definitions.map((d) => ({
            value: d.key,
            label: `${d.title} (${d.audience ? personKindLabel[d.audience].toLowerCase() : "anyone"}, ${d.stage.toLowerCase().replace("_", "-")}, version ${d.version}${d.source === "LICENSED" ? ", licensed" : ""})`,
          }))}
          defaultValue={definitions.filter((d) => d.enabled).map((d) => d.key)}
        />
        <button type="submit">Save questionnaires in use</button>
      </Form>

      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">When questionnaires are assigned</h2>
        {rules.length === 0 ? (
          <p>No rules: intake forms are assigned when someone starts and exit forms when they close.</p>
        ) : (
          <table>
            <TableHead columns={["For", "Questionnaire", "When", "Due after", { hidden: "Actions" }]} />
            <tbody>
              {rules.map((r) => (
                <tr key={r.id}>
                  <td>{personKindLabel[r.personKind]}</td>
                  <td>{r.title}</td>
                  <td>{r.trigger === "RECURRING" ? `Every ${r.intervalDays} days while open` : TRIGGER_WORDS[r.trigger]}</td>
                  <td>{r.dueAfterDays} days</td>
                  <td>
                    <RowAction intent="remove-rule" name="ruleId" value={r.id} label="Remove" about={`the rule for ${r.title}`} className="" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Form method="post" noValidate aria-labelledby="rule-heading">
          <h3 id="rule-heading">Add a rule</h3>
          <input type="hidden" name="intent" value="rule" />
          <div className="field-row">
            <SelectField
              {...ruleForm.field("key")}
              label="Questionnaire"
              options={definitions
                .filter((d) => d.enabled)
                .map((d) => ({ value: d.key, label: d.title + (d.audience ? ` (${personKindLabel[d.audience].toLowerCase()})` : "") }))}
              placeholder="Choose one"
            />
            <SelectField {...ruleForm.field("personKind")} label="For" options={optionsFrom(personKindLabel)} placeholder="Choose" />
            <SelectField {...ruleForm.field("trigger")} label="When" options={optionsFrom(TRIGGER_WORDS)} placeholder="Choose" />
            <TextField {...ruleForm.field("intervalDays")} inputMode="numeric" label="Every how many days (repeating only)" />
            <TextField {...ruleForm.field("dueAfterDays", "7")} inputMode="numeric" label="Due after how many days" />
          </div>
          <button type="submit">Add the rule</button>
        </Form>
      </section>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Settings · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
