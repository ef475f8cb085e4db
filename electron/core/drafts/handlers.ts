import { canReadClinical } from '../../../shared/roles';
import type { Handlers } from '../router';
import { discardDraft, getDraft, listDrafts, saveDraft } from './drafts';

/**
 * A draft is only ever its owner's: every query here is for the signed-in staff member, so no channel
 * can reach someone else's unsaved work. Saving happens as people type, so it is not audited; throwing
 * a draft away by choice is.
 */
export const draftHandlers = {
  'drafts.save': ({ key, form, entryKind, personId, fields }, ctx) =>
    ctx.transact(async (trx) => {
      const at = ctx.clock.nowIso();
      await saveDraft(trx, { staffId: ctx.user.id, key, form, entryKind, personId, fields, at, clinical: canReadClinical(ctx.user.role) });
      return { savedAt: at };
    }),
  'drafts.get': ({ key }, { data, user }) => getDraft(data, user.id, key, canReadClinical(user.role)),
  'drafts.list': (_input, { data, user }) => listDrafts(data, user.id),
  'drafts.discard': ({ key, saved }, ctx) =>
    ctx.transact(async (trx) => {
      const gone = await discardDraft(trx, ctx.user.id, key, canReadClinical(ctx.user.role));
      // Saved means the form's own change (already audited) took the draft's place.
      if (gone && !saved) await ctx.audit({ action: 'draft.discard', subjectType: gone.personId === null ? null : 'person', subjectId: gone.personId, details: { form: gone.form, entryKind: gone.entryKind } });
      return { discarded: gone !== null };
    }),
} satisfies Partial<Handlers>;
