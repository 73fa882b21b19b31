/**
 * The report's filter choices, shared by the page (to draw the form) and app/outcomes/page.server.ts
 * (to check what comes back). No server imports: the page's component reads these.
 */
export const GROUPS = ["ADULT_SURVIVOR", "HARMFUL_BEHAVIOUR", "YOUNG_PERSON"] as const;
export const REFERRAL_SOURCES = ["CHILDRENS_SOCIAL_CARE", "POLICE", "HEALTH", "EDUCATION", "SELF_REFERRAL", "OTHER_DA_SERVICE", "OTHER"] as const;
