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
  /** The bureau's decision confirms the website's existing number rather than issuing one. */
  keepsSiteNumber: boolean;
  /**
   * Whether the responsible person is verified in person (the workflow's `inPersonVerification`).
   * `'unless-hosted-here'`: only when the site is not already hosted by us, i.e. the case moves its
   * access to us. Identity verification is required for every access change, transfers included
   * (MIIT document No. 64, cited by Huawei Cloud's "video or on-site verification" FAQ; see
   * /work/shared/domain-facts.md, "Identity verification").
   */
  inPersonVerification: boolean | 'unless-hosted-here';
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
};

/** The kinds that build on an existing ICP number. */
export const buildsOnExistingNumber = (type: FilingType): boolean =>
  FILING_KINDS[type].buildsOnExistingNumber;

/** Whether a case of `type` runs the in-person verification, given whether we already host the site. */
export function needsInPersonVerification(type: FilingType, hostedHere: boolean): boolean {
  const rule = FILING_KINDS[type].inPersonVerification;
  return rule === 'unless-hosted-here' ? !hostedHere : rule;
}
