/**
 * What each kind of filing is, beyond its documents (./required-documents.ts): whether it builds on a
 * filing already approved, whether the bureau's decision keeps the website's number, and whether the
 * website's responsible person must be verified in person. The workflow's plan and the registry
 * (./filing-registry.ts) read these; one table, so a new kind is one row.
 */
import type { FilingType } from './filing.ts';

export interface FilingKind {
  /** The application names the ICP number it builds on (`existingIcpNumber`). */
  buildsOnExistingNumber: boolean;
  /** The existing number must name one website (`-N`): the case acts on that site. */
  actsOnOneWebsite: boolean;
  /**
   * The case acts on the entity as a whole: the existing number is the entity's main number (no `-N`)
   * and the bureau's decision confirms that number.
   */
  actsOnEntity?: boolean;
  /** The bureau's decision confirms the website's existing number rather than issuing one. */
  keepsSiteNumber: boolean;
  /**
   * Whether the responsible person is verified in person (the workflow's `inPersonVerification`).
   * `'unless-hosted-here'`: only when the site is not already hosted by us, i.e. the case moves its
   * access to us. Identity verification is required for every access change, transfers included
   * (MIIT document No. 64, cited by Huawei Cloud's "video or on-site verification" FAQ; see
   * /work/shared/domain-facts.md, "Identity verification").
   * `'when-responsible-person-changes'`: only when the case names another responsible person than the
   * one on file (their identity was never checked by us).
   */
  inPersonVerification: boolean | 'unless-hosted-here' | 'when-responsible-person-changes';
  /** A new website is filed: its domains must not already be filed. */
  filesNewSite: boolean;
}

export const FILING_KINDS: Readonly<Record<FilingType, FilingKind>> = {
  GENERAL: {
    buildsOnExistingNumber: false,
    actsOnOneWebsite: false,
    keepsSiteNumber: false,
    inPersonVerification: true,
    filesNewSite: true,
  },
  COMMERCIAL: {
    buildsOnExistingNumber: false,
    actsOnOneWebsite: false,
    keepsSiteNumber: false,
    inPersonVerification: true,
    filesNewSite: false,
  },
  ADD_WEBSITE: {
    buildsOnExistingNumber: true,
    actsOnOneWebsite: false,
    keepsSiteNumber: false,
    inPersonVerification: true,
    filesNewSite: true,
  },
  // A hosting change of a site we already host changes only its servers; one that moves a site filed
  // through another provider to us is an access change and needs the verification.
  CHANGE_HOSTING: {
    buildsOnExistingNumber: true,
    actsOnOneWebsite: false,
    keepsSiteNumber: true,
    inPersonVerification: 'unless-hosted-here',
    filesNewSite: false,
  },
  // New IP addresses or server details of a site we host (变更接入 within this provider): the access
  // provider stays the same, the responsible person was verified when we took the site on, so only an
  // officer reviews it before the bureau.
  CHANGE_ACCESS: {
    buildsOnExistingNumber: true,
    actsOnOneWebsite: true,
    keepsSiteNumber: true,
    inPersonVerification: 'unless-hosted-here',
    filesNewSite: false,
  },
  // 注销网站: the bureau removes the site's number; the entity and its other sites stay (Alibaba Cloud
  // and Tencent Cloud help, "注销网站", read 2026-12-02 via https://www.yunzhuji.net/aliyun/199323.html).
  // Nothing about the access changes hands, so an officer's review is enough.
  CANCEL_WEBSITE: {
    buildsOnExistingNumber: true,
    actsOnOneWebsite: true,
    keepsSiteNumber: true,
    inPersonVerification: false,
    filesNewSite: false,
  },
  // 接入备案: a site filed through another provider moves to us; its number stays, its access changes,
  // so the responsible person is verified (MIIT document No. 64, as above).
  TRANSFER_IN: {
    buildsOnExistingNumber: true,
    actsOnOneWebsite: true,
    keepsSiteNumber: true,
    inPersonVerification: true,
    filesNewSite: false,
  },
  // 取消接入: the site leaves our servers; its filing stays with the bureau until another provider takes
  // it in (or the bureau cancels a filing left without access: Tencent Cloud's guide, read 2026-12-02 via
  // http://wiki.xialue.net/?document/product/243/55208). Submitted to the bureau; no verification.
  CANCEL_ACCESS: {
    buildsOnExistingNumber: true,
    actsOnOneWebsite: true,
    keepsSiteNumber: true,
    inPersonVerification: false,
    filesNewSite: false,
  },
  // The provider may file changes (备案变更) and cancellations (备案注销) for its customers (MIIT's Tianjin
  // list of powers, "非经营性互联网信息服务备案核准", read 2026-12-02:
  // https://wap.miit.gov.cn/qzqd/tjstxglj/qlqd/xzxk/art/2020/art_616d04a7d4cc4fc2afa14fd567ff9f3b.html).
  // 变更主体: the entity's details (address, contacts, entity leader; a company's name after a registered
  // change, with its new licence) change, its number stays. The credit code or ID number cannot: that
  // is another entity (registry-eligibility.ts). No access changes hands, so an officer's review of
  // the entity's documents is enough (our choice; MIIT document No. 64 asks verification for access
  // changes: domain-facts.md, "Identity verification").
  CHANGE_ENTITY: {
    buildsOnExistingNumber: true,
    actsOnOneWebsite: false,
    actsOnEntity: true,
    keepsSiteNumber: true,
    inPersonVerification: false,
    filesNewSite: false,
  },
  // 变更网站: a site's name, domains, responsible person or services change; its -N number stays. A new
  // responsible person is verified in person: we have never seen them, and MIIT's rule that the
  // provider verifies the person in charge of a site it files (domain-facts.md, "Identity
  // verification") is our reason; an unchanged one was verified when the site was filed (our choice).
  CHANGE_WEBSITE: {
    buildsOnExistingNumber: true,
    actsOnOneWebsite: true,
    keepsSiteNumber: true,
    inPersonVerification: 'when-responsible-person-changes',
    filesNewSite: false,
  },
  // 注销主体: the bureau removes the entity's number and every website's under it (Unicloud's filing
  // help, "注销主体", updated 2021-06-22, read 2026-12-02: https://unicloud.com/document/show-1113657.html;
  // also http://www.175ku.com/4603.html). Nothing about access changes hands: an officer's review.
  CANCEL_ENTITY: {
    buildsOnExistingNumber: true,
    actsOnOneWebsite: false,
    actsOnEntity: true,
    keepsSiteNumber: true,
    inPersonVerification: false,
    filesNewSite: false,
  },
  // 认领: an entity filed through another provider brings its number here. Alibaba Cloud's claim by
  // documents (证件认领: documents matching the filing, reviewed by the provider; no verification of
  // the person) is what we run (read 2026-12-02: https://jc.chazidian.com/news223638, "认领已经ICP备案的
  // 三种方式"). Its sites' access comes later, by TRANSFER_IN, with the verification MIIT requires there.
  CLAIM: {
    buildsOnExistingNumber: true,
    actsOnOneWebsite: false,
    actsOnEntity: true,
    keepsSiteNumber: true,
    inPersonVerification: false,
    filesNewSite: false,
  },
};

/** The kinds that build on an existing ICP number. */
export const buildsOnExistingNumber = (type: FilingType): boolean =>
  FILING_KINDS[type].buildsOnExistingNumber;

/** Whether the kind acts on the whole entity (its main number, no `-N`). */
export const actsOnEntity = (type: FilingType): boolean => FILING_KINDS[type].actsOnEntity === true;

/** What decides the verification beyond the kind: whether we host the site, whether its person changes. */
export interface VerificationContext {
  hostedHere: boolean;
  responsiblePersonChanges?: boolean;
}

/** Whether a case of `type` runs the in-person verification, given what the registry says. */
export function needsInPersonVerification(type: FilingType, context: VerificationContext): boolean {
  const rule = FILING_KINDS[type].inPersonVerification;
  if (rule === 'unless-hosted-here') return !context.hostedHere;
  if (rule === 'when-responsible-person-changes') return context.responsiblePersonChanges === true;
  return rule;
}
