import { performance } from 'node:perf_hooks';

export const SIZES = ['small', 'medium', 'large'] as const;
export type BenchSize = (typeof SIZES)[number];

export interface BenchContext {
  size: BenchSize;
  /** A temporary folder for this run, removed at the end. */
  workDir: string;
  /** A human-readable line (the JSON summary is printed by the runner). */
  log(text: string): void;
  /** Builds a fixture once per run and hands the same one to every metric that asks for it. */
  shared<T>(name: string, build: () => Promise<T>): Promise<T>;
}

/** A group of related metrics; the runner prints what each one returns in its JSON summary. */
export interface MetricModule {
  name: string;
  run(ctx: BenchContext): Promise<Record<string, number>>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timeMs(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function timeSyncMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export const round = (n: number, digits: number): number => Number(n.toFixed(digits));

export const describeSamples = (samples: readonly number[], unit = 'ms'): string =>
  `median of ${samples.length}; min ${round(Math.min(...samples), 2)} ${unit}, max ${round(Math.max(...samples), 2)} ${unit}`;

export function p95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}
