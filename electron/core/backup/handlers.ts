import type { Handlers } from '../router';

/** Backups: every action goes through the backup service (service.ts), which keeps one operation at a time. */
export const backupHandlers = {
  'backup.status': (_input, { services }) => services.backups.status(),
  'backup.updateSettings': (input, { services }) => services.backups.updateSettings(input),
  'backup.list': (_input, { services }) => services.backups.list(),
  'backup.create': (_input, { services }) => services.backups.create('app'),
  'backup.verify': ({ bundle }, { services }) => services.backups.verify(bundle),
  'backup.preview': ({ bundle }, { services }) => services.backups.preview(bundle),
  'backup.restore': ({ bundle }, { services }) => services.backups.restore(bundle),
  'backup.undoRestore': (_input, { services }) => services.backups.undoRestore(),
  'backup.drill': (_input, { services }) => services.backups.drill(),
  'backup.prune': (_input, { services }) => services.backups.prune(),
} satisfies Partial<Handlers>;
