import type { ComponentType } from 'react';
import type { EntryKind } from '../../../../../shared/contract';

/**
 * What a section needs to know about one kind of entry: how to start a draft, how to turn a stored
 * entry into a draft and back, its fields, and how to show it. Validation is the contract's own
 * schema (entryDataSchemas), so the form and core agree on every message.
 */
export interface EntryKindUi<D> {
  kind: EntryKind;
  empty(): D;
  fromData(data: Record<string, unknown>): D;
  toData(draft: D): Record<string, unknown>;
  Fields: ComponentType<{ draft: D; set(patch: Partial<D>): void; editing: boolean }>;
  Summary: ComponentType<{ data: Record<string, unknown> }>;
}

export const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
export const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const bool = (v: unknown): boolean => v === true;
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export function oneOf<V extends string>(v: unknown, allowed: readonly V[], fallback: V): V {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as V) : fallback;
}
