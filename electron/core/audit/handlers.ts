import type { Handlers } from '../router';
import { listAuditEvents } from './query';
import { verifyChain } from './verify';

/** The administrator's audit screen: the trail, filtered and paged, and the chain check. */
export const auditHandlers = {
  'audit.list': (query, { db }) => listAuditEvents(db, query),
  'audit.verify': async (_input, { services }) => {
    // Between chunks the event loop runs, so the window stays responsive during a long check.
    const verdict = await verifyChain(() => services.vault.db, { pause: () => new Promise<void>((resolve) => setImmediate(resolve)) });
    return { intact: verdict.intact, events: verdict.events, firstBroken: verdict.intact ? null : verdict.firstBroken };
  },
} satisfies Partial<Handlers>;
