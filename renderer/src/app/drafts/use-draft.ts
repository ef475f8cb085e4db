import { useCallback, useEffect, useRef, useState } from 'react';
import { useHubConnection } from '../../api/hub-connection';
import { appErrorOf } from '../../api/invoke';
import { discardDraft, fetchDraft, saveDraft, useDraftsChanged, type DraftTarget } from '../../api/draft-queries';
import { guardLeaving } from '../hash-route';
import { DRAFT_SAVE_DELAY_MS, stableJson } from './draft-logic';
import { registerDraftSaver } from './pending-saves';

export interface UseDraftOptions<V> {
  /** Which form this is; null keeps no draft (a removed record, say). Read once, when the form opens. */
  target: DraftTarget | null;
  /** What the form holds now. */
  values: V;
  /** What it held when it opened (the record as saved, or an empty form); read once. */
  initial: V;
  /** The values as plain JSON, leaving out what this staff member may not keep (core refuses it). */
  toFields(values: V): Record<string, unknown>;
  /** Back from JSON; null when a kept draft no longer fits this form. */
  fromFields(fields: Record<string, unknown>): V | null;
  /** Fills the form. */
  apply(values: V): void;
  /** The person already chose Continue (on the page around the form): fill it without asking again. */
  resume?: boolean;
}

export interface DraftState {
  /** A draft from before is waiting for Continue or Discard (nothing is kept meanwhile). */
  offer: { updatedAt: string } | null;
  continueDraft(): void;
  discardOffer(): void;
  /** When the typing was last kept in the vault, for a quiet line under the form. */
  keptAt: string | null;
  /** Why it could not be kept, if it could not. */
  keepProblem: string | null;
  /** The clinic's hub is out of reach: the typing stays on screen and is kept once the hub is back. */
  waitingForHub: boolean;
  /** The form differs from how it opened. */
  dirty: boolean;
  /** Call once the form itself was saved, before moving on: the draft goes, and leaving no longer asks. */
  saved(): void;
}

type Status = 'checking' | 'offer' | 'ready' | 'done';

/**
 * Keeps a form's unsaved typing in the vault as it is typed (DESIGN.md: nothing typed is lost). On
 * opening it asks core for this staff member's draft of this form and offers it back; then every pause
 * in typing keeps the form as it is; a save of the form throws the draft away; and while the form
 * differs from how it opened, leaving it asks first (app/hash-route.ts).
 */
export function useDraft<V>({ target, values, initial, toFields, fromFields, apply, resume = false }: UseDraftOptions<V>): DraftState {
  const [fixed] = useState(() => ({ target, initialJson: stableJson(toFields(initial)) }));
  const [status, setStatus] = useState<Status>(target ? 'checking' : 'done');
  const [offered, setOffered] = useState<{ updatedAt: string; values: V } | null>(null);
  const [keptAt, setKeptAt] = useState<string | null>(null);
  const [keepProblem, setKeepProblem] = useState<string | null>(null);
  const draftsChanged = useDraftsChanged();
  // While the clinic's hub is out of reach nothing can be kept there; once it is back, what waits is kept.
  const hubAway = useHubConnection().status === 'away';

  const fields = toFields(values);
  const json = stableJson(fields);
  const dirty = status !== 'done' && json !== fixed.initialJson;

  const statusRef = useRef(status);
  const dirtyRef = useRef(dirty);
  /** What the vault holds for this form as far as we know ('' nothing, null unknown). */
  const keptJson = useRef<string | null>(null);
  const waiting = useRef<{ json: string; fields: Record<string, unknown> } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    statusRef.current = status;
    dirtyRef.current = dirty;
  });

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const flush = useCallback(async (): Promise<void> => {
    stopTimer();
    const w = waiting.current;
    waiting.current = null;
    const t = fixed.target;
    if (!w || !t || statusRef.current !== 'ready' || w.json === keptJson.current) return;
    const before = keptJson.current;
    keptJson.current = w.json;
    try {
      if (w.json === fixed.initialJson) {
        // Typed and then undone: nothing is left to keep, so what was kept goes too.
        if (before !== '') await discardDraft(t.key);
        keptJson.current = '';
        if (mounted.current) setKeptAt(null);
      } else {
        const r = await saveDraft(t, w.fields);
        if (mounted.current) {
          setKeptAt(r.savedAt);
          setKeepProblem(null);
        }
      }
      // While the form is open its own list entry can wait; once it is gone, the page around it shows the offer.
      void draftsChanged(mounted.current ? 'stale' : 'refetch');
    } catch (e) {
      keptJson.current = before;
      const problem = appErrorOf(e);
      // The hub out of reach is said by its banner and by `waitingForHub`; it is kept again once the hub is back.
      if (mounted.current && problem.code !== 'HUB_UNREACHABLE') setKeepProblem(problem.message);
    }
  }, [fixed, draftsChanged]);

  // Opening: is there a draft of this form from before?
  useEffect(() => {
    const t = fixed.target;
    if (!t) return;
    let cancelled = false;
    fetchDraft(t.key)
      .then((d) => {
        if (cancelled) return;
        const v = d ? fromFields(d.fields) : null;
        if (!d || v === null) {
          keptJson.current = d ? null : '';
          setStatus('ready');
        } else if (resume) {
          keptJson.current = stableJson(toFields(v));
          apply(v);
          setKeptAt(d.updatedAt);
          setStatus('ready');
        } else {
          setOffered({ updatedAt: d.updatedAt, values: v });
          setStatus('offer');
        }
      })
      .catch(() => {
        // Not being able to look must not stop anyone from working: the form carries on, and keeps.
        if (!cancelled) setStatus('ready');
      });
    return () => {
      cancelled = true;
    };
    // Asked once, for the form as it opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fixed]);

  // Every pause in typing keeps the form as it is.
  useEffect(() => {
    if (status !== 'ready' || !fixed.target) return;
    if (json === keptJson.current || (keptJson.current === '' && json === fixed.initialJson)) {
      waiting.current = null;
      stopTimer();
      return;
    }
    waiting.current = { json, fields };
    stopTimer();
    if (hubAway) return;
    timer.current = setTimeout(() => void flush(), DRAFT_SAVE_DELAY_MS);
    // `fields` is what `json` says.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [json, status, fixed, flush, hubAway]);

  // The session flushes before a lock; leaving the form (after it asked) sends what is waiting.
  useEffect(() => {
    mounted.current = true;
    const unregister = registerDraftSaver({
      flush,
      cancel: () => {
        stopTimer();
        waiting.current = null;
      },
    });
    const unguard = guardLeaving(() => dirtyRef.current);
    return () => {
      mounted.current = false;
      unguard();
      unregister();
      // Whatever the form kept, the page around it (a section, a card) now offers it: read the list again.
      void flush().then(() => {
        if (keptJson.current !== '' && statusRef.current === 'ready') void draftsChanged();
      });
    };
  }, [flush, draftsChanged]);

  const continueDraft = () => {
    if (!offered) return;
    keptJson.current = stableJson(toFields(offered.values));
    apply(offered.values);
    setKeptAt(offered.updatedAt);
    setOffered(null);
    setStatus('ready');
  };

  const discardOffer = () => {
    const t = fixed.target;
    setOffered(null);
    keptJson.current = '';
    setStatus('ready');
    if (t) void discardDraft(t.key).finally(() => void draftsChanged());
  };

  const saved = () => {
    const t = fixed.target;
    stopTimer();
    waiting.current = null;
    const hadDraft = keptJson.current !== '' && statusRef.current === 'ready';
    statusRef.current = 'done';
    dirtyRef.current = false;
    setStatus('done');
    if (t && hadDraft) void discardDraft(t.key, true).then(() => draftsChanged(), () => undefined);
  };

  return {
    offer: status === 'offer' && offered ? { updatedAt: offered.updatedAt } : null,
    continueDraft,
    discardOffer,
    keptAt: status === 'ready' ? keptAt : null,
    keepProblem: status === 'ready' ? keepProblem : null,
    waitingForHub: status === 'ready' && hubAway && dirty,
    dirty,
    saved,
  };
}
