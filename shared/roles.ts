/** Staff roles. Checked in main on every call; the renderer only hides what a role cannot open. */
export const ROLES = ['administrator', 'clinician', 'front_desk'] as const;
export type Role = (typeof ROLES)[number];

export const ALL_ROLES: readonly Role[] = ROLES;
export const ADMIN_ONLY: readonly Role[] = ['administrator'];

/**
 * Clinical content (contact notes, substance use, treatment interest, overdose responses) is for
 * clinical roles. The one statement of that rule: core's handlers, the vault's key slots and the
 * renderer all ask it.
 */
export const CLINICAL_ROLES: readonly Role[] = ['administrator', 'clinician'];
export const canReadClinical = (role: Role): boolean => CLINICAL_ROLES.includes(role);
