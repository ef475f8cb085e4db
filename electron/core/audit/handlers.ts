import type { Handlers } from '../router';
import { anchorPath } from './anchor';
import { listAuditEvents } from './query';
import { verifyTrail } from './verify';

/** The administrator's audit screen: the trail, filtered and paged, and the chain check. */
export const auditHandlers = {
  'audit.list': (query, { data }) => listAuditEvents(data, query),
  'audit.verify': async (_input, { services }) => {
    const { vault } = services;
    // Between chunks the event loop runs, so the window stays responsive during a long check. A hub's
    // trail has no anchor file (nobody may delete its events: verify.ts), as `audit verify --hub` says.
    return verifyTrail(
      () => vault.open().data,
      vault.onHub ? null : { file: anchorPath(vault.paths.dir), dataKey: () => vault.dataKey, vaultId: () => vault.vaultId },
      { pause: () => new Promise<void>((resolve) => setImmediate(resolve)) },
    );
  },
} satisfies Partial<Handlers>;
