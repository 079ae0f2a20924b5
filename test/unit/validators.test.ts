import { describe, expect, it } from 'vitest';
import { isApprovedTld } from '#domain/approved-tlds';
import { needsSeparateFiling, parseDomain, validateFileableDomain } from '#domain/domain-name';
import { validateEmail } from '#domain/email';
import { isInRanges, validateHostedHere, validateRegistrar } from '#domain/hosting';
import { formatIcpNumber, parseIcpNumber, parseTelecomLicence } from '#domain/icp-number';
import { validateMobile } from '#domain/mobile';
import { PROVINCES, provinceByAbbreviation } from '#domain/provinces';
import { validateWebsiteName } from '#domain/website-name';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code);

describe('mobile numbers', () => {
  it.each([
    '13812345678',
    '+86 138 1234 5678',
    '0086-138-1234-5678',
    '8613812345678',
    '１３８１２３４５６７８',
  ])('normalises %s to 13812345678', (raw) => {
    const r = validateMobile(raw);
    expect(r.ok && r.value).toEqual({ normalised: '13812345678', e164: '+8613812345678' });
  });
  it.each(['12812345678', '1381234567', '138123456789', '+852 9123 4567', '010-12345678'])(
    'rejects %s',
    (raw) => {
      expect(code(validateMobile(raw))).toBe('MOBILE_FORMAT');
    },
  );
});

describe('email addresses', () => {
  it('accepts an address and lower-cases only its domain', () => {
    const r = validateEmail(' Zhang.San@Example.COM ');
    expect(r.ok && r.value).toBe('Zhang.San@example.com');
  });
  it('rejects an address without a domain', () => {
    expect(code(validateEmail('zhangsan@'))).toBe('EMAIL_FORMAT');
  });
});

describe('domain names', () => {
  it('converts the IDN 例子.中国 to punycode and back', () => {
    const r = parseDomain('例子.中国');
    expect(r.ok && r.value).toMatchObject({
      ascii: 'xn--fsqu00a.xn--fiqs8s',
      unicode: '例子.中国',
      registrableDomain: 'xn--fsqu00a.xn--fiqs8s',
      tld: 'xn--fiqs8s',
      isSubdomain: false,
    });
  });
  it('accepts the punycode form xn--fsqu00a.xn--fiqs8s and shows it in Unicode', () => {
    const r = parseDomain('XN--FSQU00A.XN--FIQS8S');
    expect(r.ok && r.value.unicode).toBe('例子.中国');
  });
  it('finds the registrable domain under a multi-label public suffix (com.cn)', () => {
    const r = parseDomain('www.shop.example.com.cn');
    expect(r.ok && r.value).toMatchObject({
      registrableDomain: 'example.com.cn',
      publicSuffix: 'com.cn',
      isSubdomain: true,
    });
  });
  it.each([
    'http://example.com',
    'example.com/path',
    'exa mple.com',
    '-example.com',
    'example',
    '1.2.3.4',
    'ex_ample.com',
  ])('rejects %s as DOMAIN_SYNTAX', (raw) => {
    expect(code(parseDomain(raw))).toBe('DOMAIN_SYNTAX');
  });
  it('rejects a bare public suffix', () => {
    expect(code(parseDomain('com.cn'))).toBe('DOMAIN_UNKNOWN_SUFFIX');
  });
  it('refuses an unknown TLD (a typo) as not approved', () => {
    expect(code(validateFileableDomain('example.cmo'))).toBe('DOMAIN_TLD_NOT_APPROVED');
  });
  it('takes the registrable domain from ICANN suffixes only (a private suffix is not filed)', () => {
    const r = parseDomain('shop.example.github.io');
    expect(r.ok && r.value.registrableDomain).toBe('github.io');
  });
  it('approves .cn, .com, .org and .中国 but not .io or .me', () => {
    expect(['cn', 'com', 'org', 'xn--fiqs8s'].map(isApprovedTld)).toEqual([true, true, true, true]);
    expect(['io', 'me'].map(isApprovedTld)).toEqual([false, false]);
  });
  it('refuses example.io as an overridable DOMAIN_TLD_NOT_APPROVED', () => {
    const r = validateFileableDomain('example.io');
    expect(code(r)).toBe('DOMAIN_TLD_NOT_APPROVED');
    expect(!r.ok && r.overridable).toBe(true);
  });
  it('says a subdomain of a filed domain needs no separate filing, another domain does', () => {
    const sub = parseDomain('blog.example.com');
    if (!sub.ok) throw new Error('fixture');
    expect(needsSeparateFiling(sub.value, ['example.com'])).toBe(false);
    expect(needsSeparateFiling(sub.value, ['example.net'])).toBe(true);
  });
});

describe('ICP numbers', () => {
  it('parses 京ICP备12345678号-1', () => {
    const r = parseIcpNumber('京ICP备12345678号-1');
    expect(r.ok && r.value).toEqual({
      province: 'BJ',
      kind: 'FILING',
      serial: '12345678',
      siteNumber: 1,
      service: 'WEBSITE',
      entityNumber: '京ICP备12345678号',
      normalised: '京ICP备12345678号-1',
    });
  });
  it('normalises spaces, full-width digits, lower-case icp and a full-width dash', () => {
    const r = parseIcpNumber(' 粤 icp 备 ２０２１０１２３４５ 号－３ ');
    expect(r.ok && r.value.normalised).toBe('粤ICP备2021012345号-3');
  });
  it('parses a licence number 京ICP证000001号', () => {
    const r = parseIcpNumber('京ICP证000001号');
    expect(r.ok && r.value).toMatchObject({ kind: 'LICENCE', serial: '000001' });
  });
  it('parses the app suffix -2A', () => {
    const r = parseIcpNumber('沪ICP备12345678号-2A');
    expect(r.ok && r.value).toMatchObject({
      siteNumber: 2,
      service: 'APP',
      normalised: '沪ICP备12345678号-2A',
    });
  });
  it.each([
    ['川', '蜀'],
    ['贵', '黔'],
    ['云', '滇'],
    ['秦', '陕'],
    ['甘', '陇'],
  ])('accepts the alternate abbreviation %s and prints the bureau’s %s', (alternate, printed) => {
    const r = parseIcpNumber(`${alternate}ICP备12345678号`);
    expect(r.ok && r.value.normalised).toBe(`${printed}ICP备12345678号`);
  });
  it('round-trips every province through format and parse', () => {
    for (const p of PROVINCES) {
      const text = formatIcpNumber({ province: p.code, kind: 'FILING', serial: '12345678', siteNumber: 4 });
      const r = parseIcpNumber(text);
      expect(r.ok && r.value.province).toBe(p.code);
    }
  });
  it('rejects 9 digits with 备, 8 digits with 证, and an unknown abbreviation', () => {
    expect(code(parseIcpNumber('京ICP备123456789号'))).toBe('ICP_NUMBER_SERIAL');
    expect(code(parseIcpNumber('京ICP证12345678号'))).toBe('ICP_NUMBER_SERIAL');
    expect(code(parseIcpNumber('港ICP备12345678号'))).toBe('ICP_NUMBER_PROVINCE');
    expect(code(parseIcpNumber('京ICP备12345678'))).toBe('ICP_NUMBER_FORMAT');
  });
  it('parses the value-added telecom licence 粤B2-20090059', () => {
    const r = parseTelecomLicence('粤B2-20090059');
    expect(r.ok && r.value).toEqual({
      province: 'GD',
      category: 'B2',
      serial: '20090059',
      normalised: '粤B2-20090059',
    });
  });
  it('knows all 31 provinces and every listed abbreviation', () => {
    expect(PROVINCES).toHaveLength(31);
    const all = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新';
    for (const a of all) expect(provinceByAbbreviation(a)).toBeDefined();
  });
});

describe('website names', () => {
  it('accepts a descriptive personal name', () => {
    expect(code(validateWebsiteName('张三的摄影作品集', 'CHINESE_INDIVIDUAL'))).toBe('OK');
  });
  it('rejects a domain or URL as the name', () => {
    expect(code(validateWebsiteName('example.com', 'CHINESE_BUSINESS'))).toBe('WEBSITE_NAME_IS_DOMAIN');
    expect(code(validateWebsiteName('https://example.com', 'CHINESE_BUSINESS'))).toBe(
      'WEBSITE_NAME_IS_DOMAIN',
    );
  });
  it('rejects 中国/国家-style words for individuals but not for businesses', () => {
    expect(code(validateWebsiteName('中国摄影爱好者', 'CHINESE_INDIVIDUAL'))).toBe(
      'WEBSITE_NAME_RESERVED_WORD',
    );
    expect(code(validateWebsiteName('全国菜谱大全', 'FOREIGN_INDIVIDUAL'))).toBe(
      'WEBSITE_NAME_RESERVED_WORD',
    );
    expect(code(validateWebsiteName('中国摄影器材网', 'CHINESE_BUSINESS'))).toBe('OK');
  });
  it('rejects purely generic names, one character and 31 characters', () => {
    expect(code(validateWebsiteName('个人博客', 'CHINESE_INDIVIDUAL'))).toBe('WEBSITE_NAME_GENERIC');
    expect(code(validateWebsiteName('博', 'CHINESE_INDIVIDUAL'))).toBe('WEBSITE_NAME_LENGTH');
    expect(code(validateWebsiteName('摄'.repeat(31), 'CHINESE_INDIVIDUAL'))).toBe('WEBSITE_NAME_LENGTH');
    expect(code(validateWebsiteName('12345', 'CHINESE_BUSINESS'))).toBe('WEBSITE_NAME_NO_WORDS');
  });
});

describe('hosting', () => {
  const ranges = ['203.0.113.0/24', '2001:db8:100::/48'];
  it('accepts IPv4 and IPv6 addresses inside the provider ranges', () => {
    expect(code(validateHostedHere(['203.0.113.10', '2001:db8:100::1'], ranges))).toBe('OK');
  });
  it('rejects a site with one address elsewhere, naming it', () => {
    const r = validateHostedHere(['203.0.113.10', '198.51.100.7'], ranges);
    expect(code(r)).toBe('IP_NOT_HOSTED_HERE');
    expect(!r.ok && r.error.message).toContain('198.51.100.7');
  });
  it('treats the range boundaries exactly', () => {
    expect(isInRanges('203.0.113.255', ranges)).toBe(true);
    expect(isInRanges('203.0.114.0', ranges)).toBe(false);
    expect(isInRanges('2001:db8:101::1', ranges)).toBe(false);
  });
  it('throws on a malformed CIDR in the configuration', () => {
    expect(() => isInRanges('203.0.113.1', ['203.0.113.0/33'])).toThrow(/Invalid CIDR/);
  });
  it('accepts a domain at Alibaba Cloud and refuses one at a registrar abroad (overridable)', () => {
    expect(code(validateRegistrar('Alibaba Cloud Computing (Beijing) Co., Ltd.'))).toBe('OK');
    const abroad = validateRegistrar('GoDaddy.com, LLC');
    expect(code(abroad)).toBe('REGISTRAR_NOT_ACCREDITED');
    expect(!abroad.ok && abroad.overridable).toBe(true);
  });
});
