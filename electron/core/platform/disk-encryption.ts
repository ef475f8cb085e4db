import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

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
  /** What was found, in a sentence for an administrator. */
  detail: string;
}

/** `lsblk -s -n -o TYPE DEVICE`: the device and every device under it; a `crypt` layer is dm-crypt (LUKS). */
export function fromLsblkTypes(device: string, output: string): DiskEncryption {
  const types = output.split('\n').map((t) => t.trim()).filter(Boolean);
  if (types.length === 0) return { state: 'unknown', detail: `The system did not describe ${device}.` };
  return types.includes('crypt')
    ? { state: 'encrypted', method: 'LUKS', detail: `${device} is encrypted with LUKS (dm-crypt).` }
    : { state: 'notEncrypted', detail: `${device} is not encrypted (no dm-crypt layer under it).` };
}

/** `fdesetup status` on macOS. */
export function fromFdesetup(output: string): DiskEncryption {
  if (/FileVault is On/i.test(output)) return { state: 'encrypted', method: 'FileVault', detail: 'FileVault is on for this Mac.' };
  if (/FileVault is Off/i.test(output)) return { state: 'notEncrypted', detail: 'FileVault is off for this Mac.' };
  return { state: 'unknown', detail: 'macOS did not say whether FileVault is on.' };
}

/** `manage-bde -status C:` on Windows (English output). */
export function fromManageBde(drive: string, output: string): DiskEncryption {
  if (/Protection Status:\s*Protection On/i.test(output)) return { state: 'encrypted', method: 'BitLocker', detail: `BitLocker protects drive ${drive}.` };
  if (/Protection Status:\s*Protection Off/i.test(output)) return { state: 'notEncrypted', detail: `BitLocker does not protect drive ${drive}.` };
  return { state: 'unknown', detail: `Windows did not say whether BitLocker protects drive ${drive} (it may need an administrator's command prompt).` };
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
      return { state: 'unknown', detail: `The folder ${folder} is not on a disk the system names (${device || 'no device'}), so its encryption can't be checked here.` };
    }
    const types = await output('lsblk', ['-s', '-n', '-o', 'TYPE', device]);
    return types === null ? { state: 'unknown', detail: `The system could not describe ${device}.` } : fromLsblkTypes(device, types);
  }
  if (process.platform === 'darwin') {
    const status = await output('fdesetup', ['status']);
    return status === null ? { state: 'unknown', detail: 'macOS could not be asked about FileVault.' } : fromFdesetup(status);
  }
  if (process.platform === 'win32') {
    const drive = /^[A-Za-z]:/.exec(folder)?.[0] ?? 'C:';
    const status = await output('manage-bde', ['-status', drive]);
    return status === null ? fromManageBde(drive, '') : fromManageBde(drive, status);
  }
  return { state: 'unknown', detail: `Doorway can't check disk encryption on ${process.platform}.` };
}
