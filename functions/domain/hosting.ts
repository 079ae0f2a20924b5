/**
 * Where a website runs and where its domain is registered. A filing is made through the provider whose
 * servers host the site (接入商), so every IP address must lie in our own ranges; and only domains held
 * at an MIIT-accredited registrar can be filed, so a domain registered abroad must be transferred first.
 */
import { invalid, type Validation, valid } from './errors.ts';
import { AddressRanges, parseIpAddress } from './ip-address.ts';

/** Parses the provider's CIDR list (IPv4 and IPv6); throws on a bad entry since this is our configuration. */
export function parseAddressRanges(cidrs: readonly string[]): AddressRanges {
  return new AddressRanges(
    cidrs.map((cidr) => {
      const [network = '', prefixText] = cidr.trim().split('/');
      const ip = parseIpAddress(network);
      const max = ip?.kind() === 'ipv6' ? 128 : 32;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (ip === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
        throw new Error(`Invalid CIDR in the provider address ranges: ${cidr}`);
      }
      return [ip, prefix] as const;
    }),
  );
}

/** Validates one IP address (v4 or v6) and returns it in canonical text. */
export function validateIpAddress(raw: string): Validation<string> {
  const ip = raw.normalize('NFKC').trim().toLowerCase();
  if (parseIpAddress(ip) === undefined) {
    return invalid(
      'IP_ADDRESS_FORMAT',
      'Enter a valid IPv4 or IPv6 address, such as 203.0.113.10.',
      '请填写有效的 IPv4 或 IPv6 地址，例如 203.0.113.10。',
    );
  }
  return valid(ip);
}

/** True when the address lies inside one of the provider's ranges. */
export function isInRanges(ip: string, ranges: AddressRanges | readonly string[]): boolean {
  const list = ranges instanceof AddressRanges ? ranges : parseAddressRanges(ranges);
  const address = parseIpAddress(ip);
  return address !== undefined && list.includes(address);
}

/** Succeeds when every address of the website is hosted by us; fails naming the first one that is not. */
export function validateHostedHere(
  ips: readonly string[],
  ranges: AddressRanges | readonly string[],
): Validation<readonly string[]> {
  const list = ranges instanceof AddressRanges ? ranges : parseAddressRanges(ranges);
  const outside = ips.find((ip) => !isInRanges(ip, list));
  if (outside !== undefined) {
    return invalid(
      'IP_NOT_HOSTED_HERE',
      `${outside} is not one of our server addresses. A site must be filed through the provider whose servers host it.`,
      `${outside} 不属于本服务商的服务器地址。网站须通过实际提供服务器的接入商办理备案。`,
    );
  }
  return valid(ips);
}

export interface AccreditedRegistrar {
  id: string;
  nameZh: string;
  /** Lower-case fragments of the names registrars use in WHOIS/RDAP records. */
  whoisNames: readonly string[];
}

/**
 * Domain registrars accredited by MIIT (域名注册服务机构), as published on https://dns.miit.gov.cn/
 * (工业和信息化部 域名注册服务机构名单). Dated data, checked as of ACCREDITED_REGISTRARS_AS_OF; only
 * the registrars our customers commonly use are listed, and a miss is overridable by an officer.
 */
export const ACCREDITED_REGISTRARS_AS_OF = '2025-12-31';

export const ACCREDITED_REGISTRARS: readonly AccreditedRegistrar[] = [
  {
    id: 'ALIYUN',
    nameZh: '阿里云计算有限公司（万网）',
    whoisNames: ['alibaba cloud', 'aliyun', 'hichina', '万网', '阿里云'],
  },
  { id: 'TENCENT', nameZh: '腾讯云计算（北京）有限责任公司', whoisNames: ['dnspod', 'tencent', '腾讯云'] },
  { id: 'XINNET', nameZh: '北京新网数码信息技术有限公司', whoisNames: ['xin net', 'xinnet', '新网'] },
  {
    id: 'WEST',
    nameZh: '成都西维数码科技有限公司（西部数码）',
    whoisNames: ['west263', 'west dimension', '西部数码', '西维数码'],
  },
  { id: 'ENAME', nameZh: '厦门易名科技股份有限公司', whoisNames: ['ename', '易名'] },
  { id: 'HUAWEI', nameZh: '华为云计算技术有限公司', whoisNames: ['huawei cloud', '华为云'] },
  { id: 'BAIDU', nameZh: '北京百度网讯科技有限公司', whoisNames: ['baidu', '百度'] },
  {
    id: '35COM',
    nameZh: '厦门三五互联科技股份有限公司',
    whoisNames: ['35.com', '35 technology', '三五互联'],
  },
];

/**
 * How a domain held abroad moves to an accredited registrar, in both languages: the inter-registrar
 * transfer of ICANN's Transfer Policy (unlock, auth code, 5-day window) followed by the real-name
 * verification (实名认证) China's registrars must complete before a domain can be filed (MIIT
 * 《互联网域名管理办法》, Order No. 43, 2017, art. 30: registrars verify the holder's identity).
 */
export const REGISTRAR_TRANSFER_STEPS = {
  en: 'To transfer it: 1) at the current registrar, unlock the domain and ask for its transfer (auth/EPP) code; 2) at an MIIT-accredited registrar (for example Alibaba Cloud, Tencent Cloud, Huawei Cloud, Xinnet or West.cn) start a domain transfer-in with that code and pay for one year; 3) approve the transfer email; it completes within about 5 days; 4) complete the new registrar’s real-name verification with the same holder name as this application, then submit this case again.',
  zh: '转入步骤：1）在现注册商处解除域名锁定并获取转移密码（授权码）；2）在工信部许可的境内注册商（如阿里云、腾讯云、华为云、新网、西部数码）提交域名转入并续费一年；3）确认转移邮件，一般5天内完成；4）在新注册商处完成域名实名认证，持有人须与本申请的主体名称一致，然后重新提交本申请。',
} as const;

/** Finds the accredited registrar behind a WHOIS registrar name; fails (overridable) for registrars abroad. */
export function validateRegistrar(whoisName: string): Validation<AccreditedRegistrar> {
  const name = whoisName.normalize('NFKC').toLowerCase();
  const registrar = ACCREDITED_REGISTRARS.find((r) => r.whoisNames.some((n) => name.includes(n)));
  if (!registrar) {
    return invalid(
      'REGISTRAR_NOT_ACCREDITED',
      `The domain is registered with "${whoisName}", which is not accredited in China. Transfer it to an accredited registrar first. ${REGISTRAR_TRANSFER_STEPS.en}`,
      `该域名的注册商“${whoisName}”不在工信部许可的域名注册服务机构名单内，请先将域名转入境内注册商。${REGISTRAR_TRANSFER_STEPS.zh}`,
      { overridable: true },
    );
  }
  return valid(registrar);
}
