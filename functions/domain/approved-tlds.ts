/**
 * Top-level domains a website may be filed under: only TLDs whose registry MIIT has approved to
 * serve mainland China (互联网域名管理办法, MIIT Order No. 43, 2017, art. 9/27; the list is published
 * by MIIT as "工业和信息化部批准的域名注册管理机构 / 顶级域" on https://dns.miit.gov.cn/ ).
 *
 * Dated data: compiled as of APPROVED_TLDS_AS_OF from that list and the TLD checks of the Alibaba
 * Cloud and Huawei Cloud filing systems. It is deliberately conservative (only TLDs we found confirmed by several sources): a TLD missing here fails
 * with an overridable error, so an officer who has verified a newer approval can accept it.
 * Notably NOT approved (no MIIT-approved registry): .io, .me, .ai, .dev, .app, .co, .us, .uk, .de, .jp.
 * .org IS approved (Public Interest Registry), as are .cc and .tv (Verisign).
 * Keys are ASCII (punycode) as the public suffix list and node:url produce them.
 */
export const APPROVED_TLDS_AS_OF = '2025-12-31';

export const APPROVED_TLDS: ReadonlySet<string> = new Set([
  // CNNIC / China-run registries
  'cn',
  'xn--fiqs8s', // .中国
  'xn--fiqz9s', // .中國
  'xn--55qx5d', // .公司
  'xn--io0a7i', // .网络
  // Verisign, PIR, Afilias/Identity Digital and others with an approved China presence
  'com',
  'net',
  'org',
  'cc',
  'tv',
  'info',
  'biz',
  'mobi',
  // New gTLDs with approved registries
  'top',
  'xyz',
  'vip',
  'club',
  'shop',
  'site',
  'online',
  'store',
  'tech',
  'wang',
  'ren',
  'xin',
  'ltd',
  'group',
  'link',
  'red',
  'kim',
  'pub',
  'ink',
  'fun',
  'xn--czru2d', // .商城
  'xn--ses554g', // .网址
]);

/** True when the TLD (ASCII/punycode, lower case) is on the approved list. */
export const isApprovedTld = (tld: string): boolean => APPROVED_TLDS.has(tld.toLowerCase());
