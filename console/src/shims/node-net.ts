/**
 * Browser stand-ins for the `node:net` pieces the domain's hosting module uses. The console only
 * validates address syntax (isIP); range checks against the provider's CIDRs run on the server.
 */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIPv6(value: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(value) || value.length > 45) return false;
  try {
    return new URL(`http://[${value}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

export function isIP(value: string): 0 | 4 | 6 {
  if (IPV4.test(value)) return 4;
  return isIPv6(value) ? 6 : 0;
}

export class BlockList {
  addSubnet(_network: string, _prefix: number, _family?: string): void {
    throw new Error('Address ranges are checked on the server.');
  }
  check(_address: string, _family?: string): boolean {
    throw new Error('Address ranges are checked on the server.');
  }
}
