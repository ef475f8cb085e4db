/** Staff roles. Checked in main on every call; the renderer only hides what a role cannot open. */
export const ROLES = ['administrator', 'clinician', 'front_desk'] as const;
export type Role = (typeof ROLES)[number];

export const ALL_ROLES: readonly Role[] = ROLES;
export const ADMIN_ONLY: readonly Role[] = ['administrator'];
