import { join } from 'node:path';
import { createDoorway, invoke } from '../../../electron/core';
import { auditHash, GENESIS_HASH, type AuditRow } from '../../../electron/core/audit/audit';
import { verifyChain } from '../../../electron/core/audit/verify';
import { Random } from '../../../electron/core/demo/random';
import { p95, round, timeMs, type MetricModule } from '../bench';
import { BENCH_KDF, openDemoVault } from '../fixtures';

const SAMPLES = 1000;
const AUDIT_EVENTS = 1_000_000;

/**
 * What the audit trail costs. `record_contact_audit_overhead`: p95 of recording a contact through the
 * router with its audit event, divided by the p95 without it (the bench replaces the router's audit
 * writer with a no-op on its own instance; the app never does), measured call by call, alternating, on
 * the demo vault. Target <= 1.2. `audit_verify_ms`: walking a
 * chain of 1,000,000 events as "Verify chain" does, target < 10,000.
 */
export const auditMetric: MetricModule = {
  name: 'audit trail (overhead on recording a contact, verifying a million events)',
  async run(ctx) {
    const { core, router } = await openDemoVault(ctx);
    const rng = new Random(17);
    const everyone = core.db.prepare('SELECT id FROM people').pluck().all() as number[];
    const items = core.db.prepare('SELECT id, kind FROM catalog_items WHERE active = 1').all() as { id: number; kind: string }[];
    const supplies = items.filter((i) => i.kind === 'supply').map((i) => i.id);
    const services = items.filter((i) => i.kind === 'service').map((i) => i.id);
    const record = async () => {
      const r = await invoke(router, 'contacts.record', {
        personId: rng.pick(everyone),
        setting: 'drop_in',
        services: [rng.pick(services)],
        supplies: [{ itemId: rng.pick(supplies), quantity: rng.int(1, 10) }],
        whatMattered: 'Warm socks and a quiet place to sit',
        note: 'Checked in; all well.',
      });
      if (!r.ok) throw new Error(r.error.message);
    };
    const audited = core.context.appendAudit;
    const withAudit: number[] = [];
    const withoutAudit: number[] = [];
    const skipped = () => Promise.resolve();
    for (let i = 0; i < 50; i++) await record();
    // Alternating call by call, so both sides meet the same cache, file size and machine load.
    for (let i = 0; i < SAMPLES; i++) {
      core.context.appendAudit = audited;
      withAudit.push(await timeMs(record));
      core.context.appendAudit = skipped;
      withoutAudit.push(await timeMs(record));
    }
    core.context.appendAudit = audited;
    const overhead = p95(withAudit) / p95(withoutAudit);
    core.close();
    ctx.log(
      `  record_contact_audit_overhead: ${round(overhead, 3)} (p95 ${round(p95(withAudit), 3)} ms with the audit event, ` +
        `${round(p95(withoutAudit), 3)} ms without; target <= 1.2)`,
    );

    // A chain of a million events, written as fast as a prepared statement in one transaction allows.
    const dataDir = join(ctx.workDir, 'audit-vault');
    const fresh = createDoorway({ dataDir, kdfCost: BENCH_KDF });
    const pending = fresh.core.beginSetup();
    const groups = pending.recoveryCode.split('-');
    await fresh.core.completeSetup({
      clinicName: 'Bench Clinic',
      peopleWord: 'participant',
      admin: { username: 'bench', displayName: 'Bench Admin', password: 'a calm bench password' },
      confirmation: pending.confirmGroups.map((g) => groups[g - 1] ?? ''),
    });
    const db = fresh.core.db;
    const t = Date.now();
    const last = db.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    const insert = db.prepare(
      `INSERT INTO audit_events (id, at, actor_id, actor_username, action, subject_type, subject_id, details, emergency, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const actions = ['person.open', 'contact.create', 'person.update', 'session.signIn', 'entry.create'];
    db.transaction(() => {
      let prev = last.hash ?? GENESIS_HASH;
      const start = Date.parse('2024-01-01T08:00:00Z');
      for (let i = 1; i <= AUDIT_EVENTS - last.id; i++) {
        const row: Omit<AuditRow, 'hash'> = {
          id: last.id + i,
          at: new Date(start + i * 30_000).toISOString(),
          actor_id: 1,
          actor_username: 'bench',
          action: actions[i % actions.length]!,
          subject_type: 'person',
          subject_id: String((i % 20_000) + 1),
          details: `{"personId":${(i % 20_000) + 1}}`,
          emergency: 0,
          prev_hash: prev,
        };
        const hash = auditHash(row);
        insert.run(row.id, row.at, row.actor_id, row.actor_username, row.action, row.subject_type, row.subject_id, row.details, row.emergency, row.prev_hash, hash);
        prev = hash;
      }
    })();
    const events = db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    ctx.log(`  audit chain: ${events} events written in ${round((Date.now() - t) / 1000, 1)} s`);
    let verdict: Awaited<ReturnType<typeof verifyChain>> | null = null;
    const verifyMs = await timeMs(async () => {
      verdict = await verifyChain(() => fresh.core.vault.open().data, { pause: () => new Promise<void>((resolve) => setImmediate(resolve)) });
    });
    fresh.core.close();
    if (!verdict || !(verdict as { intact: boolean }).intact) throw new Error('the generated audit chain did not verify');
    ctx.log(`  audit_verify_ms: ${round(verifyMs, 0)} for ${events} events (target < 10000)`);
    return { record_contact_audit_overhead: round(overhead, 3), audit_verify_ms: round(verifyMs, 0) };
  },
};
