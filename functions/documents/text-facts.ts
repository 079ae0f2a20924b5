/**
 * Facts read from a document's text for the workflow's cross-checks: the domains it names and,
 * on a domain certificate, the holder.
 */
import { domainToASCII, domainToUnicode } from 'node:url';

const HAN = /\p{Script=Han}/u;
const HAN_GLOBAL = /\p{Script=Han}/gu;
// Labels of letters, digits, hyphens or Han characters; a TLD of letters, punycode or Han characters.
const DOMAIN =
  /(?<![\p{L}\p{N}.-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59}|\p{Script=Han}{1,8})(?![\p{L}\p{N}-])/giu;
const HOLDER =
  /(?:域名持有者|域名所有者|域名注册人|持有者|所有者|注册人|Registrant(?:\s+Name)?|Holder(?:\s+Name)?|Owner)\s*[:：]\s*([^\n]{2,80})/iu;

/** True when the text contains at least `minimum` Han characters. */
export function hasChineseText(text: string, minimum = 2): boolean {
  if (!HAN.test(text)) return false;
  return (text.match(HAN_GLOBAL)?.length ?? 0) >= minimum;
}

/** Every domain named in the text, lower-case, in Unicode form, deduplicated. */
export function extractDomains(text: string): string[] {
  const domains = new Set<string>();
  for (const match of text.matchAll(DOMAIN)) {
    const candidate = match[0].toLowerCase().replace(/^www\./, '');
    const ascii = domainToASCII(candidate);
    if (!ascii) continue;
    domains.add(domainToUnicode(ascii));
  }
  return [...domains];
}

/** The holder named after a label such as 域名持有者 or Registrant, if any. */
export function extractHolderName(text: string): string | undefined {
  const match = HOLDER.exec(text);
  const name = match?.[1]?.trim().replace(/\s{2,}/g, ' ');
  return name && name.length >= 2 ? name : undefined;
}

/** True when `text` names `domain` (compared in Unicode form, case-insensitive, `www.` ignored). */
export function namesDomain(domains: readonly string[], domain: string): boolean {
  const wanted = domainToUnicode(
    domainToASCII(domain.toLowerCase().replace(/^www\./, '')) || domain.toLowerCase(),
  );
  return domains.some((found) => found === wanted || found.endsWith(`.${wanted}`));
}
