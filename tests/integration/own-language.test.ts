import { afterEach, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core';
import { addStaff, signIn, signInAdmin, unwrap } from '../support/staff';
import { removeDir, rowsOf, setUpVault, tempDir } from '../support/vault';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function vault() {
  const dir = tempDir();
  dirs.push(dir);
  return setUpVault(dir);
}

describe('each staff member chooses their language', () => {
  it("starts with the clinic's language, keeps a person's own choice across sign-ins, audited, and leaves everyone else's alone", async () => {
    const { core, router } = await vault();
    const admin = await signInAdmin(router);
    expect(admin.settings.language).toBe('en');
    expect(admin.language).toBeNull();
    const desk = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
    const nurse = await addStaff(router, 'clinician', 'ana', 'Ana Ruiz');

    // The front desk, which writes no staff account otherwise, chooses Spanish for itself.
    await signIn(router, desk.username, desk.password);
    const chosen = unwrap(await invoke(router, 'session.setLanguage', { language: 'es' }));
    expect(chosen).toMatchObject({ language: 'es', user: { username: 'jo' }, settings: { language: 'en' } });
    const events = await rowsOf<{ action: string; actor_username: string; details: string }>(
      core,
      "SELECT action, actor_username, details FROM audit_events WHERE action = 'session.setLanguage'",
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_username: 'jo' });
    expect(JSON.parse(events[0]!.details)).toEqual({ from: null, to: 'es' });

    // Kept with the account: the next sign-in carries it; a colleague's is untouched.
    expect((await signIn(router, nurse.username, nurse.password)).language).toBeNull();
    expect((await signIn(router, desk.username, desk.password)).language).toBe('es');

    // Anything but English, Spanish or "the clinic's" is refused, and nothing changes.
    const refused = await invoke(router, 'session.setLanguage', { language: 'fr' as 'es' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await signIn(router, desk.username, desk.password)).language).toBe('es');

    // Back to the clinic's language.
    expect(unwrap(await invoke(router, 'session.setLanguage', { language: null })).language).toBeNull();
    core.close();
  });

  it("the clinic's language is an administrator's setting, and reaches everyone who has not chosen", async () => {
    const { core, router } = await vault();
    await signInAdmin(router);
    const nurse = await addStaff(router, 'clinician', 'ana', 'Ana Ruiz');
    expect(unwrap(await invoke(router, 'settings.update', { language: 'es' })).language).toBe('es');
    const session = await signIn(router, nurse.username, nurse.password);
    expect(session).toMatchObject({ language: null, settings: { language: 'es' } });
    expect(await invoke(router, 'settings.update', { language: 'en' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    core.close();
  });
});
