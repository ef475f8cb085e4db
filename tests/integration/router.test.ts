import { afterEach, describe, expect, it } from 'vitest';
import { channelNames, channels } from '../../shared/contract';
import { createDoorway } from '../../electron/core';
import { closeCore, contentHash, hashDir, removeDir, reopen, setUpVault, storedPrint, tempDir, TEST_KDF } from '../support/vault';
import { badInputs, sampleInputs } from '../support/sample-inputs';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const publicChannels = channelNames.filter((n) => channels[n].access === 'public');

describe('router', () => {
  it('only first run (joining a hub too) and signing in are public', () => {
    expect(publicChannels.sort()).toEqual(['hub.join', 'hub.state', 'session.breakGlass', 'session.recover', 'session.signIn', 'session.state', 'setup.create', 'setup.recoveryCode', 'setup.status']);
  });

  it('refuses an unknown channel', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { router } = createDoorway({ dataDir: dir });
    for (const name of ['people.purge', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await router(name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it.each(channelNames.filter((n) => !publicChannels.includes(n)))(
    '%s refuses a valid call without a session and writes nothing',
    async (name) => {
      const dir = tempDir();
      dirs.push(dir);
      const made = await setUpVault(dir);
      await closeCore(made);
      const before = await storedPrint(made);
      const { router } = reopen(made);
      const r = await router(name, sampleInputs[name]);
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Please sign in to continue.' } });
      expect(await storedPrint(made)).toEqual(before);
    },
  );

  it.each(channelNames)('%s refuses input that fails its schema, with a clear message, writing nothing', async (name) => {
    const dir = tempDir();
    dirs.push(dir);
    const { core, router } = await setUpVault(dir);
    const snapshot = () => contentHash(core);
    const before = await snapshot();
    for (const bad of badInputs) {
      const r = await router(name, bad);
      expect(r.ok, `${name} accepted ${JSON.stringify(bad)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message.length).toBeGreaterThan(10);
      }
    }
    expect(await snapshot()).toEqual(before);
    expect(core.session).not.toBeNull();
    core.close();
  });

  it('field messages name the field and say what is expected', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { core, router } = await setUpVault(dir);
    const r = await router('settings.update', { idleLockMinutes: 0 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The screen locks after at least 1 minute.', fields: { idleLockMinutes: 'The screen locks after at least 1 minute.' } },
    });
    const setup = await createDoorway({ dataDir: tempDir() }).router('setup.create', {
      ...sampleInputs['setup.create'],
      admin: { username: 'a b', displayName: '', password: 'short' },
    });
    expect(setup).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!setup.ok) {
      expect(setup.error.fields).toMatchObject({
        'admin.username': expect.stringMatching(/letters, digits/),
        'admin.displayName': 'Please enter a name.',
        'admin.password': 'Passwords have at least 10 characters.',
      });
    }
    core.close();
  });

  it('first run refuses a wrong confirmation and writes nothing; a second first run is refused', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    const code = await router('setup.recoveryCode', {});
    expect(code.ok).toBe(true);
    const r = await router('setup.create', { ...sampleInputs['setup.create'], confirmation: ['ZZZZZ', 'ZZZZZ'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_INVALID' } });
    expect(hashDir(dir)).toEqual({});
    const made = await setUpVault(tempDir());
    dirs.push(made.core.paths.dir);
    const again = await reopen(made, { kdfCost: null }).router('setup.recoveryCode', {});
    expect(again).toMatchObject({ ok: false, error: { code: 'VAULT_EXISTS' } });
    made.core.close();
  });
});
