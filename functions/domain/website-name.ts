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

// Words that claim national or official standing: refused for individuals by every bureau.
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
    const word = RESERVED_FOR_ORGANISATIONS.find((w) => name.includes(w));
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
