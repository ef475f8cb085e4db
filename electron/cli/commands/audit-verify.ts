import { invoke, createDoorway } from '../../core';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../../core/errors';
import { saidBy } from '../errors';
import { defineCommand } from '../command';
import { dataFolder, requireVault } from '../data-folder';
import { EXIT, line, type CliIo } from '../io';
import { verifyTrail, type TrailVerdict } from '../../core/audit/verify';
import { HUB_FLAG, whereRecordsAre, withHubSession } from './hub-shared';
import { readSecret } from '../secrets';

const NAME = 'audit verify';

/** 1204 -> "1,204": event numbers as an administrator reads them. */
const num = (n: number) => n.toLocaleString('en-US');
/** 2026-12-05T14:02:09.000Z -> "2026-12-05 14:02 UTC". */
const when = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`);

/**
 * `audit verify`: walks the audit chain, as the administrator's "Verify chain" does, for scheduled
 * checks. Exit 0 when every event holds; 1 with the first broken event named, or events missing at the
 * trail's start or end (verifyTrail in core/audit/verify.ts).
 */
export const auditVerifyCommand = defineCommand({
  name: NAME,
  summary: 'Check that no audit event was changed, removed or inserted outside Doorway (administrators).',
  flags: {
    'data-dir': { type: 'string', placeholder: 'DIR', env: 'DOORWAY_DATA_DIR', description: 'The data folder that holds the vault.' },
    hub: HUB_FLAG,
    user: { type: 'string', placeholder: 'USERNAME', required: true, description: 'Your staff username (an administrator).' },
  },
  notes: [
    'The password comes from DOORWAY_PASSWORD, or is asked for (hidden) in a terminal.',
    'Besides the chain, the check finds events missing at the start (the trail must begin with the setting up of Doorway) ' +
      'and at the end (the newest event is also recorded, sealed, in audit-anchor.json in the data folder).',
    'Exit codes: 0 the trail is intact, 1 it is broken (the first broken event is named), events are missing at its start or end, ' +
      'or the check could not run.',
  ],
  async run(values, ctx) {
    const { io, options } = ctx;
    const where = whereRecordsAre(values, NAME);
    if ('hub' in where) {
      // On a hub the same check of the chain and its start; its end needs no anchor (no login may delete events).
      return withHubSession(where.hub, values.user, ctx, NAME, async (session) => {
        if (session.user.role !== 'administrator') {
          throw new DoorwayError('FORBIDDEN', msg('cli.forbidden.audit', { username: session.user.username }));
        }
        return report(io, await verifyTrail(() => session.data, null), 'Keep the hub as it is and tell whoever looks after the clinic\'s data security.');
      });
    }
    const paths = dataFolder(where.dataDir);
    requireVault(paths);
    const password = await readSecret(io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${values.user}: `, command: NAME });

    // Through the router, so the same role check applies as on the audit screen, and the check itself
    // is attributed (the sign-in is an audit event too).
    const { core, router } = createDoorway({ dataDir: paths.dir, kdfCost: options.kdfCost });
    try {
      await core.signIn(values.user, password);
      const checked = await invoke(router, 'audit.verify', {});
      if (!checked.ok) throw new DoorwayError(checked.error.code, saidBy(checked.error));
      return report(io, checked.value, "Keep this data folder as it is and tell whoever looks after the clinic's data security.");
    } finally {
      core.close();
    }
  },
});

/** What the check found, in sentences for an administrator; the exit code says intact or not. */
function report(io: CliIo, verdict: TrailVerdict, keep: string): number {
  const { intact, events, firstBroken, missingStart, missingTail, anchor } = verdict;
  if (intact) {
    line(io.stdout, `The audit trail is intact: ${events} events checked, none changed, removed or inserted.`);
    if (anchor === 'missing') {
      line(
        io.stdout,
        'Note: there was no record yet of the newest event kept outside the trail (audit-anchor.json); vaults from before this check have none. ' +
          'Doorway writes it now, so from here on events removed at the end of the trail are found too.',
      );
    }
    return EXIT.ok;
  }
  if (firstBroken) {
    line(io.stdout, `The audit trail is broken at event ${num(firstBroken.id)}${firstBroken.action ? ` (${firstBroken.action}${firstBroken.at ? `, ${firstBroken.at}` : ''})` : ''}.`);
    line(io.stdout, 'That event, or one just before it, was changed, removed or inserted outside Doorway. Events before it are intact.');
  }
  if (missingStart) {
    line(
      io.stdout,
      missingStart.firstPresent === null
        ? 'The oldest events are missing: the trail holds no events at all, not even the setting up of Doorway.'
        : `The oldest events are missing: the trail starts at event ${num(missingStart.firstPresent)}${missingStart.action ? ` (${missingStart.action})` : ''}, not with the setting up of Doorway (event 1).`,
    );
  }
  if (missingTail) {
    line(
      io.stdout,
      `The newest events are missing: the trail ends at ${missingTail.lastPresent === null ? 'no event at all' : `event ${num(missingTail.lastPresent)}`}, ` +
        `but event ${num(missingTail.anchored)} was recorded on ${when(missingTail.anchoredAt)}` +
        `${missingTail.lastPresent !== null && missingTail.lastPresent >= missingTail.anchored ? ' and is no longer the same' : ''}.`,
    );
  }
  if (anchor === 'damaged') {
    line(
      io.stdout,
      "The record of the newest event kept outside the trail (audit-anchor.json) doesn't match its seal: it was changed or replaced outside Doorway, " +
        'so events removed at the end of the trail could not be ruled out.',
    );
  }
  line(io.stdout, keep);
  return EXIT.failed;
}
