import type { Handlers } from '../router';
import { cancelImport } from './pace';
import { previewImport, runImport } from './use-cases';

/** Spreadsheet import (issue 14): administrators and clinicians, as the contract says. */
export const importHandlers = {
  'import.preview': (input, ctx) => previewImport(ctx, input),
  'import.run': (input, ctx) => runImport(ctx, input),
  'import.cancel': (_input, ctx) => cancelImport(ctx),
} satisfies Partial<Handlers>;
