import type { StaffViewer } from "~/auth/session.server";
import { openOptional } from "~/crypto/sealed.server";
import { db } from "~/db.server";
import { isoDay } from "~/forms/fields";
import type { FormValues } from "~/forms/parse";
import { VERSION_FIELD } from "~/forms/stale";
import { parseSafeWindows } from "~/notifications/safe-times";
import { clockTime } from "~/time/calendar";

/**
 * What each change form on a person's record starts from. Every function takes a person id the
 * caller has already checked the viewer may see (`requirePersonForStaff`), and reads only that
 * person's rows.
 */

/**
 * A person's details as the profile form's values (every value a string: a day as "yyyy-mm-dd",
 * a yes/no as "yes"/"no"/""), with the version the form must send back (decision 024).
 */
export async function profileFormStart(personId: string) {
  const p = await db().person.findUniqueOrThrow({
    where: { id: personId },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      dateOfBirth: true,
      gender: true,
      sexualOrientation: true,
      ethnicityGroup: true,
      employment: true,
      disability: true,
      consentMonitoring: true,
      pageTitle: true,
      version: true,
    },
  });
  const values = {
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: isoDay(p.dateOfBirth),
    gender: p.gender ?? "",
    sexualOrientation: p.sexualOrientation ?? "",
    ethnicityGroup: p.ethnicityGroup ?? "",
    employment: p.employment ?? "",
    disability: p.disability === null ? "" : p.disability ? "yes" : "no",
    consentMonitoring: p.consentMonitoring ? "yes" : "no",
    pageTitle: p.pageTitle,
  };
  return { id: p.id, name: `${p.firstName} ${p.lastName}`, values, version: p.version };
}

/**
 * A person's safe-contact preferences as the form's values: safe times and the code word opened
 * from their sealed columns ("" when none), the channel lists, and the row's version (0 before
 * the first save). Throws if a sealed value cannot be opened with the configured keys.
 */
export async function safeContactFormStart(personId: string): Promise<FormValues> {
  const prefs = await db().safeContactPreference.findUnique({
    where: { personId },
    select: {
      safeTimesCipher: true,
      codeWordCipher: true,
      safeWindowsCipher: true,
      emailCipher: true,
      phoneCipher: true,
      calendarFile: true,
      calendarWithAddress: true,
      keyId: true,
      safeChannels: true,
      doNotContactBy: true,
      version: true,
    },
  });
  const window = parseSafeWindows(openOptional(prefs?.safeWindowsCipher, prefs?.keyId, "safe-windows"))[0];
  return {
    safeTimes: openOptional(prefs?.safeTimesCipher, prefs?.keyId, "safe-times") ?? "",
    codeWord: openOptional(prefs?.codeWordCipher, prefs?.keyId, "code-word") ?? "",
    safeDays: window ? window.days.map(String) : [],
    safeFrom: window ? clockTime(window.from) : "",
    safeUntil: window ? clockTime(window.to) : "",
    email: openOptional(prefs?.emailCipher, prefs?.keyId, "contact-email") ?? "",
    phone: openOptional(prefs?.phoneCipher, prefs?.keyId, "contact-phone") ?? "",
    calendarFile: prefs?.calendarFile ? "on" : "",
    calendarWithAddress: prefs?.calendarWithAddress ? "on" : "",
    safeChannels: prefs?.safeChannels ?? [],
    doNotContactBy: prefs?.doNotContactBy ?? [],
    [VERSION_FIELD]: String(prefs?.version ?? 0),
  };
}

/** The staff ids allocated to a person now (allocations not ended). */
export async function currentlyAllocatedStaffIds(personId: string): Promise<string[]> {
  const current = await db().allocation.findMany({ where: { personId, endedAt: null }, select: { staffId: true } });
  return current.map((c) => c.staffId);
}

/** Whether a person's involvement is already closed. */
export async function involvementClosed(personId: string): Promise<boolean> {
  const state = await db().person.findUniqueOrThrow({ where: { id: personId }, select: { involvementEndedAt: true } });
  return state.involvementEndedAt !== null;
}

/**
 * What the risk form starts from: the service's review interval in weeks, and the stage a new
 * assessment most likely is ("INTAKE" for a person never assessed, otherwise "REVIEW").
 */
export async function riskFormStart(viewer: StaffViewer, personId: string) {
  const service = await db().service.findUniqueOrThrow({ where: { id: viewer.staff.serviceId }, select: { riskReviewWeeks: true } });
  const assessed = await db().riskAssessment.count({ where: { personId } });
  return { weeks: service.riskReviewWeeks, stage: assessed === 0 ? "INTAKE" : "REVIEW" };
}
