import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { msg, type Message } from '../../../shared/messages';

const run = promisify(execFile);

/**
 * Whether the disk holding a folder is encrypted at rest, as the system itself reports it: a clinic
 * hub's records on PostgreSQL are protected at rest only by that (DESIGN.md, Clinic hub), unlike one
 * computer's records, which are encrypted files whatever the disk. Read-only questions to the system's
 * own tools (findmnt and lsblk on Linux, fdesetup on macOS, manage-bde on Windows); never a guess.
 */
export interface DiskEncryption {
  state: 'encrypted' | 'notEncrypted' | 'unknown';
  /** BitLocker, FileVault or LUKS, when encrypted. */
  method?: 'BitLocker' | 'FileVault' | 'LUKS';
  /** What was found, in a sentence for an administrator (said in their language on the hub's screen). */
  detail: Message;
}

/** `lsblk -s -n -o TYPE DEVICE`: the device and every device under it; a `crypt` layer is dm-crypt (LUKS). */
export function fromLsblkTypes(device: string, output: string): DiskEncryption {
  const types = output.split('\n').map((t) => t.trim()).filter(Boolean);
  if (types.length === 0) return { state: 'unknown', detail: msg('hub.atRest.notDescribed', { device }) };
  return types.includes('crypt')
    ? { state: 'encrypted', method: 'LUKS', detail: msg('hub.atRest.luksOn', { device }) }
    : { state: 'notEncrypted', detail: msg('hub.atRest.luksOff', { device }) };
}

/** `fdesetup status` on macOS. */
export function fromFdesetup(output: string): DiskEncryption {
  if (/FileVault is On/i.test(output)) return { state: 'encrypted', method: 'FileVault', detail: msg('hub.atRest.fileVaultOn') };
  if (/FileVault is Off/i.test(output)) return { state: 'notEncrypted', detail: msg('hub.atRest.fileVaultOff') };
  return { state: 'unknown', detail: msg('hub.atRest.fileVaultUnsaid') };
}

/** `manage-bde -status C:` on Windows (English output). */
export function fromManageBde(drive: string, output: string): DiskEncryption {
  if (/Protection Status:\s*Protection On/i.test(output)) return { state: 'encrypted', method: 'BitLocker', detail: msg('hub.atRest.bitLockerOn', { drive }) };
  if (/Protection Status:\s*Protection Off/i.test(output)) return { state: 'notEncrypted', detail: msg('hub.atRest.bitLockerOff', { drive }) };
  return { state: 'unknown', detail: msg('hub.atRest.bitLockerUnsaid', { drive }) };
}

async function output(cmd: string, args: string[]): Promise<string | null> {
  try {
    return (await run(cmd, args, { timeout: 10_000, windowsHide: true })).stdout;
  } catch {
    return null;
  }
}

export async function diskEncryptionOf(folder: string): Promise<DiskEncryption> {
  if (process.platform === 'linux') {
    const device = (await output('findmnt', ['-n', '-o', 'SOURCE', '--target', folder]))?.trim().split('\n')[0];
    if (!device || !device.startsWith('/dev/')) {
      return { state: 'unknown', detail: device ? msg('hub.atRest.notOnDisk', { folder, device }) : msg('hub.atRest.noDevice', { folder }) };
    }
    const types = await output('lsblk', ['-s', '-n', '-o', 'TYPE', device]);
    return types === null ? { state: 'unknown', detail: msg('hub.atRest.couldNotDescribe', { device }) } : fromLsblkTypes(device, types);
  }
  if (process.platform === 'darwin') {
    const status = await output('fdesetup', ['status']);
    return status === null ? { state: 'unknown', detail: msg('hub.atRest.fileVaultUnasked') } : fromFdesetup(status);
  }
  if (process.platform === 'win32') {
    const drive = /^[A-Za-z]:/.exec(folder)?.[0] ?? 'C:';
    const status = await output('manage-bde', ['-status', drive]);
    return status === null ? fromManageBde(drive, '') : fromManageBde(drive, status);
  }
  return { state: 'unknown', detail: msg('hub.atRest.otherSystem', { system: process.platform }) };
}
