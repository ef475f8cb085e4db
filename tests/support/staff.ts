import { invoke, type Router } from '../../electron/core';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract';
import type { Role } from '../../shared/roles';
import { ADMIN } from './vault';

export interface TestStaff {
  id: number;
  username: string;
  password: string;
  role: Role;
}

/** Unwraps a router result, failing the test with the error's own message. */
export function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** A typed call that must succeed: its value, or the test fails with the refusal's own code and words. */
export async function must<K extends ChannelName>(router: Router, name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const r = await invoke(router, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export async function signIn(router: Router, username: string, password: string) {
  return unwrap(await invoke(router, 'session.signIn', { username, password }));
}

export const signInAdmin = (router: Router) => signIn(router, ADMIN.username, ADMIN.password);

/**
 * A staff account made as an administrator makes it (temporary password), then signed into once to
 * choose its own password, as the person would at first sign-in. Leaves the administrator signed in.
 */
export async function addStaff(router: Router, role: Role, username: string, displayName: string): Promise<TestStaff> {
  await signInAdmin(router);
  const made = unwrap(await invoke(router, 'users.create', { username, displayName, role }));
  const password = `${username} own passphrase 7`;
  await signIn(router, username, made.temporaryPassword);
  unwrap(await invoke(router, 'session.changePassword', { currentPassword: made.temporaryPassword, newPassword: password }));
  await signInAdmin(router);
  return { id: made.user.id, username, password, role };
}
