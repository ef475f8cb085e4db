import type { Db } from '../database';

/** One forward-only schema step. Each lives in its own file and has its own test. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
