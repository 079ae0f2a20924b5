/**
 * Top-level domains a website may be filed under: only TLDs whose registry MIIT has approved to
 * serve mainland China (互联网域名管理办法, MIIT Order No. 43, 2017, art. 9/27). MIIT publishes the list
 * of approved registries and their TLDs at https://domain.miit.gov.cn/ (工业和信息化部 域名行业管理信息公示;
 * also reachable as http://域名.信息).
 *
 * Dated data: every entry names its source and when we read it. A TLD missing here fails with an
 * overridable error, so an officer who has verified a newer approval can accept it; add it here too.
 * Notably NOT approved (no MIIT-approved registry): .io, .me, .ai, .dev, .app, .co, .us, .uk, .de, .jp.
 * .香港 is on MIIT's list but served from Hong Kong, not the mainland: not fileable.
 * Keys are ASCII (punycode) as the public suffix list and node:url produce them (each Chinese key below
 * was produced with node:url domainToASCII on 2026-12-02).
 */

export interface ApprovedTld {
  /** ASCII (punycode), lower case. */
  tld: string;
  /** As people write it. */
  unicode: string;
  source: TldSource;
}

/** Where an entry comes from; see SOURCES. */
export type TldSource = 'MIIT_CN_2026' | 'MIIT_ART_2018' | 'COMPILED_2025';

export const TLD_SOURCES: Readonly<Record<TldSource, { what: string; url: string; checkedOn: string }>> = {
  // The Chinese-script TLDs on MIIT's list, as mirrored (with "Reference: https://domain.miit.gov.cn")
  // in v2ray/domain-list-community data/tld-cn; read 2026-12-02.
  MIIT_CN_2026: {
    what: "MIIT's list of approved TLDs (Chinese TLDs), via its mirror in domain-list-community",
    url: 'https://raw.githubusercontent.com/v2ray/domain-list-community/refs/heads/master/data/tld-cn',
    checkedOn: '2026-12-02',
  },
  // .art: MIIT's approval of 2018-01-19 ("2018年1月19日，工信部正式给予批复，.art域名的网站可以进行ICP备案").
  MIIT_ART_2018: {
    what: 'MIIT approval of .art for ICP filing, 2018-01-19',
    url: 'https://r1yun.cn/ask/4939.html',
    checkedOn: '2026-12-02',
  },
  // The earlier list of this module: compiled from https://dns.miit.gov.cn/ and the TLD checks of the
  // Alibaba Cloud and Huawei Cloud filing systems; not re-read on 2026-12-02.
  COMPILED_2025: {
    what: "MIIT's list and providers' filing checks, as compiled on 2025-12-31",
    url: 'https://domain.miit.gov.cn/',
    checkedOn: '2025-12-31',
  },
};

/** The date of the newest source read for the list. */
export const APPROVED_TLDS_AS_OF = '2026-12-02';

const entries = (source: TldSource, list: ReadonlyArray<readonly [string, string]>): ApprovedTld[] =>
  list.map(([tld, unicode]) => ({ tld, unicode, source }));

export const APPROVED_TLD_LIST: readonly ApprovedTld[] = [
  ...entries('COMPILED_2025', [
    ['cn', 'cn'],
    ['com', 'com'],
    ['net', 'net'],
    ['org', 'org'],
    ['cc', 'cc'],
    ['tv', 'tv'],
    ['info', 'info'],
    ['biz', 'biz'],
    ['mobi', 'mobi'],
    ['top', 'top'],
    ['xyz', 'xyz'],
    ['vip', 'vip'],
    ['club', 'club'],
    ['shop', 'shop'],
    ['site', 'site'],
    ['online', 'online'],
    ['store', 'store'],
    ['tech', 'tech'],
    ['wang', 'wang'],
    ['ren', 'ren'],
    ['xin', 'xin'],
    ['ltd', 'ltd'],
    ['group', 'group'],
    ['link', 'link'],
    ['red', 'red'],
    ['kim', 'kim'],
    ['pub', 'pub'],
    ['ink', 'ink'],
    ['fun', 'fun'],
  ]),
  ...entries('MIIT_ART_2018', [['art', 'art']]),
  ...entries('MIIT_CN_2026', [
    ['xn--fiqs8s', '中国'],
    ['xn--fiqz9s', '中國'],
    ['xn--zfr164b', '政务'], // government bodies only (restricted-domains.ts)
    ['xn--55qw42g', '公益'], // non-profit institutions only (restricted-domains.ts)
    ['xn--55qx5d', '公司'],
    ['xn--io0a7i', '网络'],
    ['xn--ses554g', '网址'],
    ['xn--czru2d', '商城'],
    ['xn--hxt814e', '网店'],
    ['xn--fiq64b', '中信'], // brand TLD (CITIC): only its owner registers under it
    ['xn--czr694b', '商标'],
    ['xn--xhq521b', '广东'],
    ['xn--1qqw23a', '佛山'],
    ['xn--vuq861b', '信息'],
    ['xn--kput3i', '手机'],
    ['xn--3ds443g', '在线'],
    ['xn--fiq228c5hs', '中文网'],
    ['xn--3bst00m', '集团'],
    ['xn--6qq986b3xl', '我爱你'],
    ['xn--czrs0t', '商店'],
    ['xn--vhquv', '企业'],
    ['xn--fjq720a', '娱乐'],
    ['xn--unup4y', '游戏'],
    ['xn--g2xx48c', '购物'],
    ['xn--imr513n', '餐厅'],
    ['xn--otu796d', '招聘'],
    ['xn--9et52u', '时尚'],
    ['xn--6frz82g', '移动'], // brand TLD (China Mobile)
    ['xn--5tzm5g', '网站'],
    ['xn--8y0a063a', '联通'], // brand TLD (China Unicom)
    ['xn--rhqv96g', '世界'],
    ['xn--nyqy26a', '健康'],
  ]),
];

export const APPROVED_TLDS: ReadonlySet<string> = new Set(APPROVED_TLD_LIST.map((t) => t.tld));

/** True when the TLD (ASCII/punycode, lower case) is on the approved list. */
export const isApprovedTld = (tld: string): boolean => APPROVED_TLDS.has(tld.toLowerCase());
