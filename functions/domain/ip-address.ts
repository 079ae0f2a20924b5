/**
 * IP addresses and CIDR ranges with ipaddr.js, accepting and matching exactly what Node's net.isIP
 * and net.BlockList did, but without node:net so that the console runs the same code in the browser.
 */
import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

// isIP allows any of these in an IPv6 zone (fe80::1%eth0); ipaddr.js only letters and digits.
const ZONE = /^[0-9a-z.:-]+$/i;
const HEX_GROUPS = /^[0-9a-f:]*$/i;

/**
 * Parses the notations net.isIP accepts, and only those: ipaddr.js also reads 127.1, 0x7f.0.0.1 and
 * 010.0.0.1, which are typing mistakes on a filing. IPv4 is four decimal octets without leading zeros;
 * IPv6 has hex groups of up to four digits, may end in such an IPv4, and may carry a zone.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  const zoneAt = text.indexOf('%');
  // The zone names an interface on the machine; it takes no part in matching, as with BlockList.
  if (zoneAt >= 0 && !ZONE.test(text.slice(zoneAt + 1))) return undefined;
  const address = zoneAt < 0 ? text : text.slice(0, zoneAt);
  const lastColon = address.lastIndexOf(':');
  const embedded = address.slice(lastColon + 1);
  let hex = address;
  if (embedded.includes('.')) {
    // Written as two hex groups: ipaddr.js would read ::1.2.3.4 as ::ffff:1.2.3.4, another address.
    if (!ipaddr.IPv4.isValidFourPartDecimal(embedded)) return undefined;
    const groups = ipaddr.IPv4.parse(embedded).toIPv4MappedAddress().parts.slice(6);
    hex = address.slice(0, lastColon + 1) + groups.map((group) => group.toString(16)).join(':');
  }
  if (!HEX_GROUPS.test(hex) || hex.split(':').some((group) => group.length > 4)) return undefined;
  return ipaddr.IPv6.isValid(hex) ? ipaddr.IPv6.parse(hex) : undefined;
}

/**
 * IPv4 as IPv4-mapped IPv6 (::ffff:203.0.113.10): BlockList matched an IPv4 range and its mapped
 * form alike, so both families are compared in one space, IPv4 prefixes shifted by 96 bits.
 */
const asIPv6 = (ip: IpAddress): ipaddr.IPv6 => (ip instanceof ipaddr.IPv4 ? ip.toIPv4MappedAddress() : ip);

/** A parsed list of networks (CIDR), checked once when the configuration is read. */
export class AddressRanges {
  readonly #networks: ReadonlyArray<readonly [ipaddr.IPv6, number]>;

  constructor(networks: ReadonlyArray<readonly [IpAddress, number]>) {
    this.#networks = networks.map(([ip, prefix]) => [
      asIPv6(ip),
      ip instanceof ipaddr.IPv4 ? prefix + 96 : prefix,
    ]);
  }

  /** True when the address lies in one of the networks. */
  includes(ip: IpAddress): boolean {
    const address = asIPv6(ip);
    return this.#networks.some(([network, prefix]) => address.match(network, prefix));
  }
}
