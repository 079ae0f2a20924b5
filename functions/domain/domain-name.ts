/**
 * Domain names as filed: syntax, internationalised names (punycode both ways), the registrable domain
 * from the ICANN section of the public suffix list, and whether the TLD may be filed in China at all.
 *
 * tldts-icann leaves out the private section (github.io and the like are not domains anyone files;
 * they were ignored already) and is 46 KB smaller in every Lambda bundle that validates applications.
 * It cannot tell an unknown TLD from a real one (an unknown TLD is its own public suffix, as browsers
 * treat it); the approved-TLD check below refuses those, typos included.
 * A filing covers a registrable domain and all its subdomains, so subdomains never need their own filing.
 */
import { parse } from 'tldts-icann';
import { isApprovedTld } from './approved-tlds.ts';
import { invalid, type Validation, valid } from './errors.ts';
import { domainToASCII, domainToUnicode } from './idn.ts';

export interface DomainName {
  /** The host name in ASCII (punycode), lower case: what DNS and the MIIT system store. */
  ascii: string;
  /** The same name in Unicode, for people. */
  unicode: string;
  /** The registrable domain (example.com.cn), ASCII: what is registered, owned and filed. */
  registrableDomain: string;
  registrableDomainUnicode: string;
  /** The public suffix (com.cn), ASCII. */
  publicSuffix: string;
  /** The last label (cn), ASCII. */
  tld: string;
  /** True for www.example.com, false for example.com. */
  isSubdomain: boolean;
}

const syntaxError = () =>
  invalid<DomainName>(
    'DOMAIN_SYNTAX',
    'Enter a domain name only, such as example.com or 例子.中国 (no http://, path or spaces).',
    '请只填写域名，例如 example.com 或 例子.中国（不要包含 http://、路径或空格）。',
  );

// Letters, digits and inner hyphens; 1–63 characters (RFC 1035 / RFC 5891 for the ASCII form).
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Parses and normalises a domain name (Unicode or punycode input, any case, full-width dots). */
export function parseDomain(raw: string): Validation<DomainName> {
  // NFKC turns full-width letters and the ideographic full stop's look-alikes into ASCII; 。 is mapped by UTS 46.
  const input = raw.normalize('NFKC').trim().replace(/\.$/, '');
  if (input === '' || /[\s/:@?#]/.test(input)) return syntaxError();
  const ascii = domainToASCII(input).replace(/\.$/, '');
  if (ascii === '' || ascii.length > 253) return syntaxError();
  const labels = ascii.split('.');
  if (labels.length < 2 || labels.some((l) => !LABEL.test(l))) return syntaxError();
  // Labels with hyphens in positions 3–4 are reserved unless they are valid punycode (xn--).
  if (labels.some((l) => l.slice(2, 4) === '--' && !l.startsWith('xn--'))) return syntaxError();
  const tld = labels[labels.length - 1] as string;
  if (/^\d+$/.test(tld)) return syntaxError(); // an IP address is not a domain name
  const parsed = parse(ascii);
  if (!parsed.domain || !parsed.publicSuffix) {
    return invalid(
      'DOMAIN_UNKNOWN_SUFFIX',
      `"${input}" is only a public suffix, not a domain one can register.`,
      `“${input}”只是公共后缀，不是可注册的域名。`,
    );
  }
  return valid({
    ascii,
    unicode: domainToUnicode(ascii),
    registrableDomain: parsed.domain,
    registrableDomainUnicode: domainToUnicode(parsed.domain),
    publicSuffix: parsed.publicSuffix,
    tld,
    isSubdomain: ascii !== parsed.domain,
  });
}

/**
 * Parses a domain and checks its TLD is on the MIIT-approved list. An unapproved TLD is an
 * overridable failure (the list is dated data; an officer may know of a newer approval).
 */
export function validateFileableDomain(raw: string): Validation<DomainName> {
  const parsed = parseDomain(raw);
  if (!parsed.ok) return parsed;
  if (!isApprovedTld(parsed.value.tld)) {
    const shown = domainToUnicode(parsed.value.tld);
    return invalid(
      'DOMAIN_TLD_NOT_APPROVED',
      `Domains ending in .${shown} cannot be filed in China: .${shown} is not a top-level domain whose registry MIIT has approved. Check the spelling.`,
      `.${shown} 后缀的域名无法在中国大陆备案（该顶级域不存在或未获工信部批准），请检查拼写。`,
      { overridable: true },
    );
  }
  return parsed;
}

/**
 * False when the domain is covered by a filing already: its registrable domain is one of `filedDomains`
 * (a filing of example.com covers www.example.com and shop.example.com).
 */
export function needsSeparateFiling(domain: DomainName, filedDomains: Iterable<string>): boolean {
  for (const filed of filedDomains) {
    const parsed = parseDomain(filed);
    if (parsed.ok && parsed.value.registrableDomain === domain.registrableDomain) return false;
  }
  return true;
}
