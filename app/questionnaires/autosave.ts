import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * The intent of an answer saved in the background, as it is given. The form route answers it with
 * "saved" and nothing else; the page and the frame around it stay as they are.
 */
export const AUTOSAVE_INTENT = "save";

export const skipRevalidateOnAutosave: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === AUTOSAVE_INTENT ? false : defaultShouldRevalidate;
