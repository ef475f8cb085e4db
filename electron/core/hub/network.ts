import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * This computer's place on the clinic's network, as the hub's own server needs it: the LAN IPv4
 * addresses it listens on and the subnets it lets workstations connect from (pg_hba.conf). Only IPv4,
 * only non-internal interfaces: loopback is handled on its own, and a clinic's LAN is IPv4 in practice.
 */
export interface LanNetwork {
  /** This computer's address on that network, e.g. 192.168.1.20. */
  address: string;
  /** The network it is on, e.g. 192.168.1.0/24. */
  cidr: string;
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

const intToIpv4 = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');

/** The network of an address and its netmask, as CIDR (192.168.1.20 + 255.255.255.0 → 192.168.1.0/24). */
export function networkCidr(address: string, netmask: string): string {
  const mask = ipv4ToInt(netmask);
  const bits = mask.toString(2).replace(/0+$/, '').length;
  return `${intToIpv4(ipv4ToInt(address) & mask)}/${bits}`;
}

/** The non-internal IPv4 networks of this computer (from os.networkInterfaces), each once. */
export function lanNetworks(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): LanNetwork[] {
  const found: LanNetwork[] = [];
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal) continue;
      // A link-local address (169.254/16) means no DHCP answer: not a network staff work on.
      if (info.address.startsWith('169.254.')) continue;
      if (!found.some((n) => n.address === info.address)) found.push({ address: info.address, cidr: networkCidr(info.address, info.netmask) });
    }
  }
  return found;
}
