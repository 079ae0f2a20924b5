import { BlockList, isIP } from 'node:net';
import * as nodeUrl from 'node:url';
import fc from 'fast-check';
import punycode from 'punycode/punycode.js';
import { describe, expect, it } from 'vitest';
import { isInRanges, parseAddressRanges, validateIpAddress } from '#domain/hosting';
import { domainToASCII, domainToUnicode } from '#domain/idn';
import { parseIpAddress } from '#domain/ip-address';

/**
 * The domain's IDN and IP code replaced node:url and node:net (so that it runs in the browser too).
 * These properties hold it to the very results of the Node functions it replaced, which remain the
 * reference here, in Node.
 */
const RUNS = { numRuns: 3000 };

const pick = (chars: string) => fc.constantFrom(...chars);
const text = (unit: fc.Arbitrary<string>, maxLength = 24) => fc.string({ unit, maxLength });

describe('domain names, as node:url', () => {
  it('converts internationalised names both ways', () => {
    expect(domainToASCII('例子.中国')).toBe('xn--fsqu00a.xn--fiqs8s');
    expect(domainToUnicode('xn--fsqu00a.xn--fiqs8s')).toBe('例子.中国');
    expect(domainToASCII('EXAMPLE.cn')).toBe('example.cn');
    expect(domainToUnicode('faß.DE')).toBe('faß.de');
    expect(domainToASCII('xn--bad.com')).toBe('');
    expect(domainToASCII('a')).toBe('a');
    expect(domainToASCII('a:80')).toBe('');
  });

  const domainText = fc.oneof(
    text(pick('abcxn-.09。．%41ß例子中国\\:@/[]_*\u00ad\u200d\u0001 ')),
    text(
      fc.oneof(
        pick('.-'),
        fc.string({ unit: 'grapheme-ascii', maxLength: 3 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      12,
    ),
    // Real and broken punycode labels.
    fc
      .array(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }), text(pick('abc-'), 6)), {
        minLength: 1,
        maxLength: 3,
      })
      .map((labels) =>
        labels.map((l) => `xn--${/^[\x20-\x7e]*$/.test(l) ? l : punycode.encode(l)}`).join('.'),
      ),
  );

  it('domainToASCII gives what url.domainToASCII gives', () => {
    fc.assert(
      fc.property(domainText, (domain) => {
        expect(domainToASCII(domain)).toBe(nodeUrl.domainToASCII(domain));
      }),
      RUNS,
    );
  });

  it('domainToUnicode gives what url.domainToUnicode gives', () => {
    fc.assert(
      fc.property(domainText, (domain) => {
        expect(domainToUnicode(domain)).toBe(nodeUrl.domainToUnicode(domain));
        const ascii = nodeUrl.domainToASCII(domain);
        expect(domainToUnicode(ascii)).toBe(nodeUrl.domainToUnicode(ascii));
      }),
      RUNS,
    );
  });
});

describe('IP addresses and ranges, as node:net', () => {
  it('recognises IPv4 and IPv6 addresses, and only the notations isIP accepts', () => {
    for (const ip of ['203.0.113.10', '2001:db8::1', '::ffff:203.0.113.10', 'fe80::1%eth0.1', '::']) {
      expect(parseIpAddress(ip), ip).toBeDefined();
    }
    for (const ip of ['203.0.113.256', 'example.cn', '127.1', '0x7f.0.0.1', '010.0.0.1', '::ffff:01.2.3.4']) {
      expect(parseIpAddress(ip), ip).toBeUndefined();
    }
  });

  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
  const group = fc.oneof(
    fc.nat(0xffff).map((n) => n.toString(16)),
    fc.constantFrom('0', 'ffff', '00000', 'fFfF'),
  );
  const v6 = fc
    .tuple(fc.array(group, { maxLength: 8 }), fc.nat(9), fc.boolean(), v4, fc.option(text(pick('e1.-:%'), 4)))
    .map(([groups, at, embed, ipv4, zone]) => {
      const parts = embed ? [...groups.slice(0, 6), ipv4] : groups;
      if (at < parts.length + 1) parts.splice(at, 0, '');
      const address = parts
        .join(':')
        .replace(/^:(?!:)/, '::')
        .replace(/([^:]):$/, '$1::');
      return zone === null ? address : `${address}%${zone}`;
    });
  const ipText = fc.oneof(
    v4,
    v6,
    text(pick('0123456789abcdefABCDEFx.:%[] '), 20),
    fc.tuple(v4, fc.nat(3), pick('0x ')).map(([ip, i, c]) => ip.split('.').toSpliced(i, 0, c).join('.')),
  );

  it('accepts exactly what net.isIP accepts', () => {
    fc.assert(
      fc.property(ipText, (ip) => {
        expect(parseIpAddress(ip)?.kind()).toBe({ 4: 'ipv4', 6: 'ipv6' }[isIP(ip)]);
        expect(validateIpAddress(ip).ok).toBe(isIP(ip.normalize('NFKC').trim().toLowerCase()) !== 0);
      }),
      RUNS,
    );
  });

  // BlockList hands addresses to libuv, which cuts the part before a zone to 39 characters: so
  // ffff:ffff:ffff:ffff:ffff:ffff:11.1.1.100%eth0 fails there, or is read as …:11.1.1.10. Only the
  // long IPv4-embedded notation with a zone reaches 40; the domain reads it whole, as isIP does.
  const readByLibuv = (ip: string) => !ip.includes('%') || ip.indexOf('%') < 40;

  it('matches ranges as net.BlockList does, IPv4-mapped IPv6 included', () => {
    const mapped = v4.map((ip) => `::ffff:${ip}`);
    const network = fc.oneof(
      fc.tuple(v4, fc.nat(32)),
      fc.tuple(fc.oneof(v6, mapped), fc.nat(128)),
      fc.tuple(fc.constantFrom('0.0.0.0', '::', '::ffff:0:0'), fc.constantFrom(0, 1, 96, 104)),
    );
    const candidates = fc.oneof(v4, v6, mapped, fc.constantFrom('203.0.113.9', '::ffff:203.0.113.9'));
    fc.assert(
      fc.property(
        fc.array(network, { minLength: 1, maxLength: 3 }),
        fc.array(candidates, { maxLength: 8 }),
        (networks, addresses) => {
          const valid = networks.filter(
            ([ip, prefix]) => isIP(ip) !== 0 && readByLibuv(ip) && prefix <= (isIP(ip) === 6 ? 128 : 32),
          );
          const cidrs = valid.map(([ip, prefix]) => `${ip}/${prefix}`);
          const list = new BlockList();
          for (const [ip, prefix] of valid) list.addSubnet(ip, prefix, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
          const ranges = parseAddressRanges(cidrs);
          for (const ip of [...addresses, ...valid.map(([network]) => network)].filter(readByLibuv)) {
            const expected = isIP(ip) !== 0 && list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
            expect(isInRanges(ip, ranges), `${ip} in ${cidrs.join(', ')}`).toBe(expected);
          }
        },
      ),
      RUNS,
    );
  });
});
