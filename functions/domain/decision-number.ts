/**
 * The number an officer records with the bureau's approval, checked against the case it ends:
 *
 *   GENERAL, ADD_WEBSITE, CHANGE_HOSTING  a filing number (备) for a website: 京ICP备2026012345号-1.
 *     The provincial bureau issues the entity's number and, per website, the site number after the dash
 *     (《非经营性互联网信息服务备案管理办法》, MIIT Order 33, art. 12–13: 备案编号; the -N site suffix is
 *     how beian.miit.gov.cn lists 网站备案号, e.g. 粤ICP备08130115号-14, checked 2026-12-02 at
 *     https://github.com/1in9e/icp-domains ). ADD_WEBSITE adds a site under the entity's existing number,
 *     so the main number must be that one; CHANGE_HOSTING moves a filed site, so the number must be the
 *     one that moved (the same site number, when the case names it). So do CHANGE_ACCESS, TRANSFER_IN and
 *     CANCEL_WEBSITE (./filing-kinds.ts `keepsSiteNumber`): the bureau confirms the site's number.
 *   CHANGE_ENTITY, CANCEL_ENTITY, CLAIM  act on the entity (./filing-kinds.ts `actsOnEntity`): the bureau
 *     confirms the entity's main number, without a site suffix, and it must be the one the case names.
 *   COMMERCIAL  the value-added telecom licence (经营许可证) for information services, category B2,
 *     written like 京B2-20090059 (电信业务分类目录 2015: B25 信息服务业务 is in B2; the number format is
 *     in domain-facts.md), or the older 京ICP证000001号 form. A filing number is not a licence.
 */

import { invalid, type Validation, valid } from './errors.ts';
import type { FilingType } from './filing.ts';
import { actsOnEntity, buildsOnExistingNumber, FILING_KINDS } from './filing-kinds.ts';
import { parseIcpNumber, parseTelecomLicence } from './icp-number.ts';
import type { ProvinceCode } from './provinces.ts';

/** What of a case the check needs. */
export interface DecisionCase {
  filingType: FilingType;
  province: string;
  /** The entity's number the case builds on (ADD_WEBSITE, CHANGE_HOSTING). */
  existingIcpNumber?: string | undefined;
}

export interface DecisionNumber {
  kind: 'FILING' | 'LICENCE';
  province: ProvinceCode;
  /** As the bureau prints it. */
  normalised: string;
}

const looksLikeTelecomLicence = (raw: string): boolean => /B[12]\s*[-‐‑‒–—―−－]?\s*\d{8}\s*$/iu.test(raw);

/** Parses either kind of number a bureau decision may carry: a filing or licence ICP number, or a B2 licence. */
export function parseDecisionNumber(raw: string): Validation<DecisionNumber> {
  if (looksLikeTelecomLicence(raw)) {
    const licence = parseTelecomLicence(raw);
    if (!licence.ok) return licence;
    return valid({ kind: 'LICENCE', province: licence.value.province, normalised: licence.value.normalised });
  }
  const icp = parseIcpNumber(raw);
  if (!icp.ok) return icp;
  return valid({ kind: icp.value.kind, province: icp.value.province, normalised: icp.value.normalised });
}

/** Checks the decision's number against the case: kind of number, site suffix, the entity's main number. */
export function checkDecisionNumber(raw: string, record: DecisionCase): Validation<DecisionNumber> {
  const parsed = parseDecisionNumber(raw);
  if (!parsed.ok) return parsed;
  if (parsed.value.province !== record.province) {
    return invalid(
      'ICP_NUMBER_PROVINCE_MISMATCH',
      `The number is not of the case's province (${record.province}).`,
      '备案号所属省份与案件所在省份不一致。',
    );
  }
  if (record.filingType === 'COMMERCIAL') {
    const licence = parseTelecomLicence(raw);
    const isB2 = licence.ok && licence.value.category === 'B2';
    if (parsed.value.kind !== 'LICENCE' || (looksLikeTelecomLicence(raw) && !isB2)) {
      return invalid(
        'DECISION_NEEDS_LICENCE_NUMBER',
        `A commercial licence case ends with the licence number (such as 京B2-20090059), not ${parsed.value.normalised}.`,
        `经营许可证案件应填写经营许可证编号（例如 京B2-20090059），而不是 ${parsed.value.normalised}。`,
      );
    }
    return parsed;
  }
  if (parsed.value.kind !== 'FILING') {
    return invalid(
      'DECISION_NEEDS_FILING_NUMBER',
      `A filing case ends with a filing number (such as 京ICP备2026012345号-1), not the licence ${parsed.value.normalised}.`,
      `备案案件应填写ICP备案号（例如 京ICP备2026012345号-1），而不是许可证号 ${parsed.value.normalised}。`,
    );
  }
  const icp = parseIcpNumber(raw);
  if (!icp.ok) return icp;
  const number = icp.value;
  if (actsOnEntity(record.filingType)) return checkEntityDecision(parsed.value, number, record);
  if (number.siteNumber === undefined || number.service !== 'WEBSITE') {
    return invalid(
      'DECISION_NEEDS_SITE_NUMBER',
      `Record the website's number with its site suffix, such as ${number.entityNumber}-1.`,
      `请填写带网站序号的网站备案号，例如 ${number.entityNumber}-1。`,
    );
  }
  if (buildsOnExistingNumber(record.filingType)) {
    const existing = record.existingIcpNumber ? parseIcpNumber(record.existingIcpNumber) : undefined;
    if (existing?.ok && existing.value.entityNumber !== number.entityNumber) {
      return invalid(
        'DECISION_NUMBER_NOT_OF_ENTITY',
        `The number must be under the entity's existing number ${existing.value.entityNumber}.`,
        `备案号应属于本主体已有的备案号 ${existing.value.entityNumber}。`,
      );
    }
    if (
      FILING_KINDS[record.filingType].keepsSiteNumber &&
      existing?.ok &&
      existing.value.siteNumber !== undefined &&
      existing.value.normalised !== number.normalised
    ) {
      return invalid(
        'DECISION_SITE_NUMBER_MISMATCH',
        `A hosting or access change, a transfer or a cancellation keeps the website's number: ${existing.value.normalised}.`,
        `变更接入、接入备案或注销网站不改变网站备案号，应为 ${existing.value.normalised}。`,
      );
    }
  }
  return parsed;
}

/** The decision of a case acting on the entity: the entity's own main number, unchanged. */
function checkEntityDecision(
  decided: DecisionNumber,
  number: { entityNumber: string; siteNumber?: number | undefined },
  record: DecisionCase,
): Validation<DecisionNumber> {
  const existing = record.existingIcpNumber ? parseIcpNumber(record.existingIcpNumber) : undefined;
  const entityNumber = existing?.ok ? existing.value.entityNumber : number.entityNumber;
  if (number.siteNumber !== undefined || number.entityNumber !== entityNumber) {
    return invalid(
      'DECISION_ENTITY_NUMBER_MISMATCH',
      `A change, cancellation or claim of the entity keeps the entity's number: record ${entityNumber}, without a site suffix.`,
      `变更主体、注销主体或备案认领不改变主体备案号，请填写 ${entityNumber}（不带网站序号）。`,
    );
  }
  return valid(decided);
}
