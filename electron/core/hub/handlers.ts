import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import type { Handlers } from '../router';

export const hubHandlers = {
  'hub.state': (_input, { services }) => services.hub.state(),
  'hub.join': (input, { services }) => services.hub.join(input.code),
  'hub.moveHere': async (_input, ctx) => {
    const { vault } = ctx.services;
    const clinicalKey = vault.clinicalKey;
    if (vault.onHub || !clinicalKey || ctx.session.emergency) {
      throw new DoorwayError('CONFLICT', vault.onHub ? msg('hub.move.alreadyOnHub') : msg('hub.move.needsAdministrator'));
    }
    const moved = await ctx.services.hub.moveHere({
      source: ctx.data,
      file: await vault.keyslots().read(),
      dataKey: vault.dataKey,
      clinicalKey,
      actor: ctx.actor,
    });
    // The session was on this computer's file; from now on everyone signs in to the hub.
    vault.lock('system');
    return { people: moved.rows.people ?? 0, contacts: moved.rows.contacts ?? 0, auditEntries: moved.rows.audit_events ?? 0 };
  },
  'hub.pairingCode': async (_input, ctx) => {
    const made = await ctx.services.hub.pairingCode();
    // Who let another computer in, and until when: the code itself never goes in the trail.
    await ctx.audit({ action: 'hub.pairingCode', details: { expiresAt: made.expiresAt } });
    return made;
  },
} satisfies Partial<Handlers>;
