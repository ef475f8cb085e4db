import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type Channels, type OutputOf, type ParsedInputOf } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import { actorOf } from './audit/actor';
import type { PublicContext, SignedInContext } from './context';
import type { Database } from './data/schema';
import { connectionFree } from './data/long-change';
import { DoorwayError } from './errors';
import { isMessageKey, msg, type Message } from '../../shared/messages';
import { issueFields, issueMessage } from '../../shared/messages/issues';

/** Public channels (first run, signing in) get a context without a user; every other channel a signed-in one. */
export type ContextOf<K extends ChannelName> = Channels[K]['access'] extends 'public' ? PublicContext : SignedInContext;

export type Handler<K extends ChannelName> = (input: ParsedInputOf<K>, ctx: ContextOf<K>) => OutputOf<K> | Promise<OutputOf<K>>;
export type Handlers = { [K in ChannelName]: Handler<K> };

export type Router = (name: unknown, rawInput: unknown) => Promise<Result<unknown>>;

/** Channels that close the session: they must work whatever the hub's state. */
const ENDS_SESSION: ReadonlySet<ChannelName> = new Set(['session.lock', 'session.signOut', 'session.switchUser']);
/** Channels that never wait for a long change holding the records (data/long-change.ts): ending a session, and stopping that change. */
const PASS_LONG_CHANGE: ReadonlySet<ChannelName> = new Set([...ENDS_SESSION, 'import.cancel']);

function describeIssues(error: z.ZodError): { message: Message; fields: Record<string, Message> } {
  const fields = issueFields(error.issues);
  const first = error.issues[0];
  const message: Message =
    first?.code === 'unrecognized_keys'
      ? msg('input.extraFields')
      : first && isMessageKey(first.message)
        ? issueMessage(first)
        : msg('input.notInForm');
  return { message, fields };
}

/**
 * The only door into core. Every call: known channel → input parsed by its schema → session and
 * role checked → handler → output parsed → Result. Handlers never see unparsed input, and a thrown
 * error never crosses to the renderer as anything but a typed error.
 */
export function createRouter(base: PublicContext, handlers: Handlers): Router {
  const { vault } = base.services;
  const log = base.log;
  return async (name, rawInput) => {
    if (!isChannelName(name)) return fail('UNKNOWN_CHANNEL', msg('general.unknownChannel'));
    const def = channels[name];
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      const { message, fields } = describeIssues(parsed.error);
      return fail('INVALID_INPUT', message, { fields });
    }
    // Run while an import's open transaction holds the records, a call would read or write inside it: it waits its turn.
    if (def.access !== 'public' && !PASS_LONG_CHANGE.has(name)) await connectionFree(vault);
    const session = vault.session;
    if (def.access !== 'public') {
      if (!session) return fail('NOT_SIGNED_IN', msg('general.signIn'));
      if (!def.access.includes(session.user.role)) {
        return fail('FORBIDDEN', msg('general.roleLacks'));
      }
      if (session.user.mustChangePassword && !('allowedWhilePasswordChangeRequired' in def && def.allowedWhilePasswordChangeRequired)) {
        return fail('PASSWORD_CHANGE_REQUIRED', msg('general.changePasswordFirst'));
      }
    }
    try {
      let ctx: PublicContext | SignedInContext = base;
      if (def.access !== 'public' && session) {
        // On a hub, an administrator elsewhere may have changed this account since the last call. Never
        // in the way of ending a session: a lock works while the hub is out of reach.
        if (vault.onHub && !ENDS_SESSION.has(name)) await vault.confirmAccount();
        const { data } = vault.open();
        const actor = actorOf(session);
        // The call's open transaction: its audit event goes into it (on a hub's pool, another connection would not).
        let open: Transaction<Database> | null = null;
        const audit: SignedInContext['audit'] = (event) => base.appendAudit(open ?? data, { ...event, at: base.clock.nowIso(), actor });
        ctx = {
          ...base,
          data,
          session,
          user: session.user,
          actor,
          audit,
          transact: (change) =>
            data.transaction().execute(async (trx) => {
              open = trx;
              try {
                return await change(trx);
              } finally {
                open = null;
              }
            }),
        };
      }
      const handler = handlers[name] as (input: unknown, ctx: PublicContext | SignedInContext) => unknown;
      const value = await handler(parsed.data, ctx);
      const out = def.output.safeParse(value);
      if (!out.success) {
        log(`output of ${name} does not match its schema`, out.error);
        return fail('INTERNAL', msg('general.internal'));
      }
      return ok(out.data);
    } catch (e) {
      if (e instanceof DoorwayError) {
        // On a hub the session's login can be refused mid-session (a key change elsewhere): it ends here too.
        if (e.code === 'NOT_SIGNED_IN' && vault.onHub) vault.lock('system');
        return { ok: false, error: e.toAppError() };
      }
      log(`${name} failed`, e);
      return fail('INTERNAL', msg('general.internal'));
    }
  };
}
