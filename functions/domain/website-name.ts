/**
 * Website names (网站名称) as the bureaus accept them: a descriptive name of the site, not its address,
 * not a bare generic word, and for individuals nothing that implies state, national or organisational
 * authority (individual filings may not carry 中国/中华/国家/全国-style names or company-like names).
 */

import { invalid, type Validation, valid } from './errors.ts';
import type { ApplicantType } from './filing.ts';
import { isIndividual } from './filing.ts';

export const WEBSITE_NAME_MIN_LENGTH = 2;
export const WEBSITE_NAME_MAX_LENGTH = 30;

// Words that claim national, official or organisational standing: refused in individuals' site names.
// Source: Xinnet's filing rules, "个人网站命名要求 … 禁止涉及行业信息、企业信息、产品信息、国家信息" and
// "非国家类单位禁止涉及国家信息和词汇，如中国、中华、中央、人民、人大、国家等"
// (https://www.xinnet.com/service/cjwt/icp/zbnr/2009.html , read 2026-12-02); company-like words
// (公司, 集团, 企业, 协会) per the same page's "企业信息" and https://1z345.cn/260.html ("XX 公司""XX 集团").
const RESERVED_FOR_ORGANISATIONS = [
  '中国',
  '中华',
  '国家',
  '全国',
  '国际',
  '中央',
  '政府',
  '官方',
  '公司',
  '企业',
  '集团',
  '协会',
];

/**
 * The word-boundary rule. Chinese has no spaces, so "contains 国际" is too blunt: 国际象棋 (chess) claims
 * nothing international. A reserved word counts unless it is inside one of these established compounds,
 * words of their own in the dictionary (现代汉语词典) whose meaning is not a claim of standing; each is
 * masked before the reserved words are looked for, so "国际象棋俱乐部" passes, "张三国际" and
 * "国际象棋国际" (国际 again, outside the compound) do not. Latin letters need a word boundary as well
 * (no reserved word is Latin today; the rule is ready for one).
 */
export const RESERVED_WORD_COMPOUNDS: readonly string[] = [
  '国际象棋', // chess
  '国际跳棋', // draughts
  '国际音标', // the IPA
];

/** The reserved word a name claims (outside the established compounds), if any. */
export function reservedWordIn(name: string): string | undefined {
  let masked = name;
  for (const compound of RESERVED_WORD_COMPOUNDS) masked = masked.split(compound).join('\u0000');
  return RESERVED_FOR_ORGANISATIONS.find((word) =>
    /^[A-Za-z]+$/.test(word) ? new RegExp(`\\b${word}\\b`, 'i').test(masked) : masked.includes(word),
  );
}

// Names that say nothing about the site; bureaus reject them as 无意义名称.
const GENERIC_NAMES = new Set([
  '网站',
  '个人网站',
  '我的网站',
  '个人主页',
  '主页',
  '首页',
  '博客',
  '个人博客',
  '我的博客',
  '官网',
  '官方网站',
  '企业官网',
  '公司官网',
  '公司网站',
  '企业网站',
  '测试',
  '测试网站',
  'test',
  'blog',
  'home',
  'homepage',
  'website',
  'mysite',
]);

const looksLikeAddress = (name: string): boolean =>
  /^(https?:\/\/|www\.)/i.test(name) || /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+\/?$/u.test(name);

/** Validates a website name for an applicant type; returns the trimmed, NFKC-normalised name. */
export function validateWebsiteName(raw: string, applicantType: ApplicantType): Validation<string> {
  const name = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const length = [...name].length;
  if (length < WEBSITE_NAME_MIN_LENGTH || length > WEBSITE_NAME_MAX_LENGTH) {
    return invalid(
      'WEBSITE_NAME_LENGTH',
      `A website name has ${WEBSITE_NAME_MIN_LENGTH} to ${WEBSITE_NAME_MAX_LENGTH} characters.`,
      `网站名称长度应为${WEBSITE_NAME_MIN_LENGTH}至${WEBSITE_NAME_MAX_LENGTH}个字符。`,
    );
  }
  if (looksLikeAddress(name)) {
    return invalid(
      'WEBSITE_NAME_IS_DOMAIN',
      'The website name must describe the site, not be its domain name or URL.',
      '网站名称应描述网站内容，不能是域名或网址。',
    );
  }
  if (!/[\p{L}]/u.test(name)) {
    return invalid(
      'WEBSITE_NAME_NO_WORDS',
      'The website name cannot consist only of digits or symbols.',
      '网站名称不能仅由数字或符号组成。',
    );
  }
  if (GENERIC_NAMES.has(name.toLowerCase().replace(/\s/g, ''))) {
    return invalid(
      'WEBSITE_NAME_GENERIC',
      'The website name is too generic; name what the site is about (e.g. 张三的摄影作品集).',
      '网站名称过于笼统，请体现网站的具体内容（例如“张三的摄影作品集”）。',
    );
  }
  if (isIndividual(applicantType)) {
    const word = reservedWordIn(name);
    if (word) {
      return invalid(
        'WEBSITE_NAME_RESERVED_WORD',
        `A personal website name cannot contain "${word}": it suggests an official or organisational site.`,
        `个人网站名称不能包含“${word}”等具有官方或组织机构含义的词语。`,
      );
    }
  }
  return valid(name);
}
