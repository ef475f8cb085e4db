import { listAuditEvents } from '../audit/query';
import { verifyChain } from '../audit/verify';
import type { Handlers } from '../router';

/** The administrator's audit screen: the trail, filtered and paged, and the chain check. */
export const auditHandlers = {
  'audit.list': (query, { core }) => listAuditEvents(core.db, query),
  'audit.verify': async (_input, { core }) => {
    // Between chunks the event loop runs, so the window stays responsive during a long check.
    const verdict = await verifyChain(() => core.db, { pause: () => new Promise<void>((resolve) => setImmediate(resolve)) });
    return { intact: verdict.intact, events: verdict.events, firstBroken: verdict.intact ? null : verdict.firstBroken };
  },
} satisfies Partial<Handlers>;
