import { NEUTRAL_TITLES } from "~/safety/neutral-titles";
import { employmentLabel, ethnicityLabel, genderLabel, sexualOrientationLabel } from "~/staff/labels";
import type { FieldErrors } from "~/forms/parse";
import { ChoiceGroup, optionsFrom, SelectField, TextField, type Option } from "./form-fields";

/**
 * A person's details, as the add-person and edit-profile forms ask for them. Demographics are
 * optional ("not recorded" is an answer); consent to monitoring is asked every time, because
 * only people who agreed are counted in outcome reports.
 */
export type PersonValues = {
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
  gender?: string;
  sexualOrientation?: string;
  ethnicityGroup?: string;
  employment?: string;
  disability?: string;
  consentMonitoring?: string;
  pageTitle?: string;
};

/** The optional demographics asked as a list to choose from, each "Not recorded" until chosen. */
const DEMOGRAPHICS: { name: keyof PersonValues; label: string; options: Option[] }[] = [
  { name: "gender", label: "Gender", options: optionsFrom(genderLabel) },
  { name: "sexualOrientation", label: "Sexual orientation", options: optionsFrom(sexualOrientationLabel) },
  { name: "ethnicityGroup", label: "Ethnic group", options: optionsFrom(ethnicityLabel) },
  { name: "employment", label: "Employment", options: optionsFrom(employmentLabel) },
];

/** The person fields of the add-person and edit-profile forms, holding `values` with the server's `errors`. */
export function PersonFields({ values = {}, errors = {} }: { values?: PersonValues; errors?: FieldErrors }) {
  /** A field's name, its value and its message, as a control takes them. */
  const field = (name: keyof PersonValues, fallback?: string) => ({ name, defaultValue: values[name] ?? fallback, error: errors[name] });
  return (
    <>
      <TextField {...field("firstName")} label="First name" maxLength={60} />
      <TextField {...field("lastName")} label="Last name" maxLength={60} />
      <TextField
        {...field("dateOfBirth")}
        type="date"
        label="Date of birth"
        hint="Needed for a child or young person: it decides which words their pages use. Optional for adults."
      />
      <ChoiceGroup
        {...field("consentMonitoring")}
        label="Have they agreed to their answers being used for monitoring and evaluation?"
        hint="Only people who agreed are counted in the service's outcome reports."
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No, or not asked yet" },
        ]}
        inline
      />
      <SelectField
        {...field("pageTitle", "Appointments")}
        label="Title their pages show in the browser"
        hint="Something ordinary: it is what a tab or the browser history shows on their phone."
        options={Object.keys(NEUTRAL_TITLES).map((t) => ({ value: t, label: t }))}
      />
      <details className="card" open={Boolean(values.gender || values.ethnicityGroup || errors.gender || errors.ethnicityGroup)}>
        <summary>About them (optional)</summary>
        {DEMOGRAPHICS.map((d) => (
          <SelectField key={d.name} {...field(d.name)} label={d.label} options={d.options} placeholder="Not recorded" />
        ))}
        <ChoiceGroup
          {...field("disability", "")}
          label="Do they consider themselves to have a disability?"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
            { value: "", label: "Not recorded" },
          ]}
          inline
        />
      </details>
    </>
  );
}
