import type { Handlers } from '../router';

/** Backups: every action goes through the core's backup service (electron/core/backup/service.ts). */
export const backupHandlers = {
  'backup.status': (_input, { core }) => core.backups.status(),
  'backup.updateSettings': (input, { core }) => core.backups.updateSettings(input),
  'backup.list': (_input, { core }) => core.backups.list(),
  'backup.create': (_input, { core }) => core.backups.create('app'),
  'backup.verify': ({ bundle }, { core }) => core.backups.verify(bundle),
  'backup.preview': ({ bundle }, { core }) => core.backups.preview(bundle),
  'backup.restore': ({ bundle }, { core }) => core.backups.restore(bundle),
  'backup.undoRestore': (_input, { core }) => core.backups.undoRestore(),
  'backup.drill': (_input, { core }) => core.backups.drill(),
  'backup.prune': (_input, { core }) => core.backups.prune(),
} satisfies Partial<Handlers>;
