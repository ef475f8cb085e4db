import { describe, expect, it } from 'vitest';
import { diskEncryptionOf, fromFdesetup, fromLsblkTypes, fromManageBde } from '../../electron/core/platform/disk-encryption';

describe('disk encryption, as the system reports it', () => {
  it.each([
    // lsblk -s -n -o TYPE /dev/mapper/root on a LUKS install: the crypt layer, then the partition and disk under it.
    ['/dev/mapper/root', 'crypt\npart\ndisk\n', { state: 'encrypted', method: 'LUKS' }],
    ['/dev/mapper/vg-root', 'lvm\ncrypt\npart\ndisk\n', { state: 'encrypted', method: 'LUKS' }],
    ['/dev/sda2', 'part\ndisk\n', { state: 'notEncrypted' }],
    ['/dev/vda', 'disk\n', { state: 'notEncrypted' }],
    ['/dev/vda', '', { state: 'unknown' }],
  ])('Linux: %s (%j)', (device, out, want) => {
    expect(fromLsblkTypes(device, out)).toMatchObject(want);
  });

  it.each([
    ['FileVault is On.\n', { state: 'encrypted', method: 'FileVault' }],
    ['FileVault is Off.\n', { state: 'notEncrypted' }],
    ['', { state: 'unknown' }],
  ])('macOS: %j', (out, want) => {
    expect(fromFdesetup(out)).toMatchObject(want);
  });

  it.each([
    ['Volume C: [OS]\n    Conversion Status:    Fully Encrypted\n    Protection Status:    Protection On\n', { state: 'encrypted', method: 'BitLocker' }],
    ['Volume C: [OS]\n    Conversion Status:    Fully Decrypted\n    Protection Status:    Protection Off\n', { state: 'notEncrypted' }],
    ['ERROR: An attempt to access a required resource was denied.\n', { state: 'unknown' }],
  ])('Windows: %j', (out, want) => {
    expect(fromManageBde('C:', out)).toMatchObject(want);
  });

  it('answers for a real folder on this machine with one of the three states and a sentence', async () => {
    const found = await diskEncryptionOf(process.cwd());
    expect(['encrypted', 'notEncrypted', 'unknown']).toContain(found.state);
    expect(found.detail).toMatch(/\.$/);
  });
});
