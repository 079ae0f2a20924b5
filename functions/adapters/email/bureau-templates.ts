import type { Bilingual } from '#domain/bilingual';
import type { Localised } from './email-blocks.ts';

/**
 * The bureau's side of the case in the applicant's inbox: the MIIT SMS check and the bureau's return
 * (退回). Kept apart from ./templates.ts, which merges them in; each is Chinese first, then English.
 */

interface Common {
  caseId: string;
  applicantName: string;
  caseUrl: string;
}

export interface BureauTemplateData {
  /** To each SMS recipient (the website's responsible person, the contact) when the check starts. */
  smsVerificationDue: Common & {
    /** Whose mobile the bureau texts, masked (`138****5678`). */
    mobile: string;
    /** When the 24-hour window ends, China time. */
    windowEndsAt: Bilingual;
  };
  /** Our reminder a few hours before the window ends. */
  smsVerificationReminder: Common & { mobile: string; windowEndsAt: Bilingual };
  /** COMMERCIAL: the licence review passed with the province's fee. */
  licenceFee: Common & { feeYuan: number };
  /** COMMERCIAL: an officer attached the provider's qualification documents; every one so far. */
  providerDocumentsReady: Common & { documents: Bilingual[] };
  returnedByBureau: Common & {
    /** Each reason with what it names to correct (absent for the SMS). */
    reasons: { reason: Bilingual; correct?: Bilingual }[];
    returnsLeft: number;
  };
}

type Template<T> = (d: T) => { zh: Localised; en: Localised };
const greet = (name: string): Bilingual => ({ zh: `${name}，您好：`, en: `Dear ${name},` });

function smsMessage(d: BureauTemplateData['smsVerificationDue'], reminder: boolean) {
  return {
    zh: {
      subject: `${reminder ? '提醒：' : ''}请完成工信部短信核验（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        {
          p: `${reminder ? '您尚未完成' : '您的备案已提交至管局，工信部已向'}${reminder ? '工信部短信核验。' : `手机 ${d.mobile} 发送核验短信。`}请在北京时间 ${d.windowEndsAt.zh} 前按短信提示完成验证。`,
        },
        { p: '超过24小时未完成，或连续五次验证错误，管局将退回备案，需重新提交。' },
        { p: `查看案件：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `${reminder ? 'Reminder: c' : 'C'}omplete the MIIT SMS verification (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p: reminder
            ? `The MIIT SMS verification is not completed yet. Please complete it as the text message says by ${d.windowEndsAt.en} (China time).`
            : `Your filing was submitted to the bureau and MIIT has texted a verification code to ${d.mobile}. Please complete it as the message says by ${d.windowEndsAt.en} (China time).`,
        },
        {
          p: 'If it is not completed within 24 hours, or is answered wrongly five times, the bureau returns the filing and it must be submitted again.',
        },
        { p: `Your case: ${d.caseUrl}` },
      ],
    },
  };
}

export const BUREAU_TEMPLATES: { [K in keyof BureauTemplateData]: Template<BureauTemplateData[K]> } = {
  smsVerificationDue: (d) => smsMessage(d, false),
  smsVerificationReminder: (d) => smsMessage(d, true),
  licenceFee: (d) => ({
    zh: {
      subject: `经营许可证审核通过，费用 ${d.feeYuan} 元（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: `您的ICP经营许可证申请已通过我们的审核。本省费用为 ${d.feeYuan} 元人民币。` },
        { p: `接下来我们将安排核验并报送通信管理局。详情：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `Licence review passed: fee ${d.feeYuan} yuan (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p: `Your commercial ICP licence application passed our review. The province's fee is ${d.feeYuan} yuan (CNY).`,
        },
        { p: `Next we verify and submit it to the communications administration. Details at ${d.caseUrl}` },
      ],
    },
  }),
  providerDocumentsReady: (d) => ({
    zh: {
      subject: `接入商资质材料已可下载（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: '您的ICP经营许可证申请所需的接入商资质材料已上传，可在案件页面下载：' },
        { list: d.documents.map((doc) => doc.zh) },
        { p: `请将其附入许可证申请材料。下载地址：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `The provider's documents for your licence are ready to download (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p: 'The provider’s qualification documents your commercial ICP licence application needs are on your case page to download:',
        },
        { list: d.documents.map((doc) => doc.en) },
        { p: `Please include them in the licence application. Download them at ${d.caseUrl}` },
      ],
    },
  }),
  returnedByBureau: (d) => ({
    zh: {
      subject: `管局退回备案，请修改后重新提交（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: '管局退回了您的备案（退回不是驳回）。原因及需修改的内容如下，请只修改所列内容：' },
        { list: d.reasons.map((r) => (r.correct ? `${r.correct.zh}：${r.reason.zh}` : r.reason.zh)) },
        {
          p: `修改完成后，我们将复核并重新报送管局。剩余可退回次数：${d.returnsLeft}；超过后备案将被驳回。修改地址：${d.caseUrl}`,
        },
      ],
    },
    en: {
      subject: `The bureau returned your filing: please correct it (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p: 'The bureau returned your filing (a return, not a rejection). These are its reasons and what to correct; please change only these:',
        },
        { list: d.reasons.map((r) => (r.correct ? `${r.correct.en}: ${r.reason.en}` : r.reason.en)) },
        {
          p: `Once corrected, we check it again and resubmit it to the bureau. Returns still allowed: ${d.returnsLeft}; after that the filing is rejected. Correct it at ${d.caseUrl}`,
        },
      ],
    },
  }),
};
