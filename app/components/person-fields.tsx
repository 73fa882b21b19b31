import { NEUTRAL_TITLES } from "~/safety/neutral-titles";
import { employmentLabel, ethnicityLabel, genderLabel, sexualOrientationLabel } from "~/staff/labels";
import type { FieldErrors } from "~/forms/parse";
import { ChoiceGroup, optionsFrom, SelectField, TextField } from "./form-fields";

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

export function PersonFields({ values = {}, errors = {} }: { values?: PersonValues; errors?: FieldErrors }) {
  return (
    <>
      <TextField name="firstName" label="First name" defaultValue={values.firstName} error={errors.firstName} maxLength={60} />
      <TextField name="lastName" label="Last name" defaultValue={values.lastName} error={errors.lastName} maxLength={60} />
      <TextField
        name="dateOfBirth"
        type="date"
        label="Date of birth"
        hint="Needed for a child or young person: it decides which words their pages use. Optional for adults."
        defaultValue={values.dateOfBirth}
        error={errors.dateOfBirth}
      />
      <ChoiceGroup
        name="consentMonitoring"
        label="Have they agreed to their answers being used for monitoring and evaluation?"
        hint="Only people who agreed are counted in the service's outcome reports."
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No, or not asked yet" },
        ]}
        defaultValue={values.consentMonitoring}
        error={errors.consentMonitoring}
        inline
      />
      <SelectField
        name="pageTitle"
        label="Title their pages show in the browser"
        hint="Something ordinary: it is what a tab or the browser history shows on their phone."
        options={Object.keys(NEUTRAL_TITLES).map((t) => ({ value: t, label: t }))}
        defaultValue={values.pageTitle ?? "Appointments"}
        error={errors.pageTitle}
      />
      <details className="card" open={Boolean(values.gender || values.ethnicityGroup || errors.gender || errors.ethnicityGroup)}>
        <summary>About them (optional)</summary>
        <SelectField
          name="gender"
          label="Gender"
          options={optionsFrom(genderLabel)}
          placeholder="Not recorded"
          defaultValue={values.gender}
          error={errors.gender}
        />
        <SelectField
          name="sexualOrientation"
          label="Sexual orientation"
          options={optionsFrom(sexualOrientationLabel)}
          placeholder="Not recorded"
          defaultValue={values.sexualOrientation}
          error={errors.sexualOrientation}
        />
        <SelectField
          name="ethnicityGroup"
          label="Ethnic group"
          options={optionsFrom(ethnicityLabel)}
          placeholder="Not recorded"
          defaultValue={values.ethnicityGroup}
          error={errors.ethnicityGroup}
        />
        <SelectField
          name="employment"
          label="Employment"
          options={optionsFrom(employmentLabel)}
          placeholder="Not recorded"
          defaultValue={values.employment}
          error={errors.employment}
        />
        <ChoiceGroup
          name="disability"
          label="Do they consider themselves to have a disability?"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
            { value: "", label: "Not recorded" },
          ]}
          defaultValue={values.disability ?? ""}
          error={errors.disability}
          inline
        />
      </details>
    </>
  );
}
