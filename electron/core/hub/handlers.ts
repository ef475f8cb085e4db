import type { Handlers } from '../router';

export const hubHandlers = {
  'hub.state': (_input, { services }) => services.hub.state(),
  'hub.join': (input, { services }) => services.hub.join(input.code),
  'hub.pairingCode': async (_input, ctx) => {
    const made = await ctx.services.hub.pairingCode();
    // Who let another computer in, and until when: the code itself never goes in the trail.
    await ctx.audit({ action: 'hub.pairingCode', details: { expiresAt: made.expiresAt } });
    return made;
  },
} satisfies Partial<Handlers>;
