import type { z } from 'zod';
import type { PdfRequest, PdfResult } from '../print';
import type { Result } from '../result';
import { auditChannels } from './audit';
import { backupChannels, type BackupProgress } from './backup';
import { continuityChannels } from './continuity';
import { draftChannels } from './drafts';
import { hubChannels } from './hub';
import { importChannels, type ImportProgress } from './import';
import { ownRecordChannels } from './own-record';
import { recordChannels } from './records';
import { reportChannels } from './reports';
import { sessionChannels } from './session';
import { settingsChannels } from './settings';
import { setupChannels } from './setup';
import { userChannels, type RotationStage } from './users';
import type { ChannelDef } from './channel';

/**
 * The whole IPC contract: one table built from one module per feature. Types for the renderer,
 * preload and core all come from here, so a channel cannot drift between the two sides.
 */
export const channels = {
  ...setupChannels,
  ...sessionChannels,
  ...settingsChannels,
  ...recordChannels,
  ...draftChannels,
  ...continuityChannels,
  ...userChannels,
  ...auditChannels,
  ...backupChannels,
  ...hubChannels,
  ...importChannels,
  ...reportChannels,
  ...ownRecordChannels,
} satisfies Record<string, ChannelDef>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type InputOf<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ParsedInputOf<K extends ChannelName> = z.output<Channels[K]['input']>;
export type OutputOf<K extends ChannelName> = z.output<Channels[K]['output']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);

/** Events main pushes to the renderer. */
export interface Events {
  /** The session ended: the renderer drops every cached record and shows the lock screen. */
  'session.locked': { reason: 'idle' | 'manual' | 'signedOut' | 'system' | 'switchUser' };
  /** A key change is running (administrator): which stage, of how many. */
  'vault.rotation': { stage: RotationStage; step: number; steps: number };
  /** A long backup, check, restore or drill is running: how far it got (administrator). */
  'backup.progress': BackupProgress;
  /** A long spreadsheet import (a preview or a run) is running: how far it got. */
  'import.progress': ImportProgress;
}
export type EventName = keyof Events;
export const eventNames: EventName[] = ['session.locked', 'vault.rotation', 'backup.progress', 'import.progress'];

/** What the preload exposes on `window.doorway`, and what the preview transport provides too. */
export interface DoorwayBridge {
  invoke<K extends ChannelName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>>;
  subscribe<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void;
  /** The system's folder picker: the desktop app only (the development preview has none; the path is typed there). */
  chooseFolder?(): Promise<string | null>;
  /** Save the printout on screen as a PDF (printToPDF and a save dialog): the desktop app only; the preview prints through the browser. */
  savePdf?(request: PdfRequest): Promise<PdfResult>;
}

export { channel } from './channel';
export type { Access, ChannelDef } from './channel';
export * from './schemas';
export * from './record-schemas';
export type { PersonPage } from './records';
export type { StaffAccount, RotationStage } from './users';
export type { AuditEvent } from './audit';
export type { BackupProgress, BackupStatus, BundleSummary, DrillRecord } from './backup';
export type { ImportPreview, ImportProblem, ImportProgress, ImportResult } from './import';
export type { Dashboard, DoorOpenItem, Overview, Timeline } from './continuity';
export type { PersonExport, PersonSummaryDoc } from './own-record';
