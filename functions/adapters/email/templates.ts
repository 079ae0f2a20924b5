import type { Bilingual } from '#domain/bilingual';
import { BUREAU_TEMPLATES, type BureauTemplateData } from './bureau-templates.ts';
import { blockHtml, blockText, type Localised } from './email-blocks.ts';
import type { EmailMessage } from './email-sender.ts';

/**
 * Bilingual email templates. Every message is Chinese first, then English, as plain text and as HTML.
 * Templates are typed functions rather than strings with placeholders, so a missing value is a type
 * error; the template test also renders each one and looks for anything left unresolved.
 */

interface Common {
  caseId: string;
  applicantName: string;
  /** Where the applicant sees the case (the portal's case page). */
  caseUrl: string;
}

/** The office as an email shows it. */
export interface OfficeDetails {
  /** The office's full name, as functions/domain/offices.ts has it ("Beijing office", 北京办公室). */
  name: Bilingual;
  address: Bilingual;
}

export interface TemplateData extends BureauTemplateData {
  caseOpened: Common & {
    filingType: Bilingual;
    /**
     * The required documents still to upload when the email is built: one uploaded with the draft and
     * already accepted is not asked for again (issue 17).
     */
    documentsNeeded: Bilingual[];
    /** Of those, the forms the case page prints pre-filled (functions/domain/printable-forms.ts). */
    printableForms: Bilingual[];
  };
  documentInvalid: Common & { document: Bilingual; reasons: Bilingual[] };
  documentsComplete: Common;
  reviewRejected: Common & { documents: { document: Bilingual; reason: Bilingual }[]; roundsLeft: number };
  appointmentScheduled: Common & { office: OfficeDetails; when: Bilingual; bring: Bilingual[] };
  appointmentReminder: Common & { office: OfficeDetails; when: Bilingual; bring: Bilingual[] };
  noShow: Common & { reschedulesLeft: number };
  submittedToBureau: Common & {
    bureau: Bilingual;
    /** The end of the bureau's legal period (20 working days, MIIT Order 33 art. 12). */
    dueDate: string;
    /** True when the date rests on a holiday calendar not yet published (shown as 暂定 / provisional). */
    dueDateProvisional?: boolean;
    /** COMMERCIAL: the licence's 60 calendar days (《电信条例》 art. 13) instead of the filing's period. */
    licence?: boolean;
  };
  approved: Common & { icpNumber: string; footerSnippet: string };
  /** A change or cancellation of a filed website took effect (the number itself is not new). */
  filingUpdated: Common & { filingType: Bilingual; icpNumber: string; outcome: Bilingual };
  rejected: Common & { reasons: Bilingual[] };
  expiryReminder: Common & { daysLeft: number; expiresOn: string };
  expired: Common;
  withdrawn: Common;
  /** The saved draft fails checks only a supervisor may accept (functions/domain/override-requests.ts). */
  overrideRequested: Common & { checks: Bilingual[]; meaning: Bilingual; typo: Bilingual };
  /** The responsible person appeared at the in-person verification; the case goes on to the bureau. */
  presenceConfirmed: Common & { office: OfficeDetails; when: Bilingual };
  /** A supervisor accepted one of them. */
  overrideAccepted: Common & { check: Bilingual; stillPending: number };
}

export type TemplateName = keyof TemplateData;

type Template<K extends TemplateName> = (data: TemplateData[K]) => { zh: Localised; en: Localised };

const greet = (name: string): Bilingual => ({ zh: `${name}，您好：`, en: `Dear ${name},` });

const TEMPLATES: { [K in TemplateName]: Template<K> } = {
  presenceConfirmed: (d) => ({
    zh: {
      subject: `面签核验已完成（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: `网站负责人已于 ${d.when.zh} 在${d.office.name.zh}完成面签核验。` },
        { p: '接下来我们会将您的备案提交至管局审核，届时将另行通知您。' },
        { p: `查看进度：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `In-person verification done (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p: `The website's responsible person was verified in person at our ${d.office.name.en} (${d.when.en}).`,
        },
        {
          p: 'Next we submit your filing to the communications administration; we will email you when we do.',
        },
        { p: `Follow your case at ${d.caseUrl}` },
      ],
    },
  }),
  overrideRequested: (d) => ({
    zh: {
      subject: `草稿需主管特批（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: '您的草稿已保存，但以下检查未通过：' },
        { list: d.checks.map((c) => c.zh) },
        { p: d.meaning.zh },
        { p: d.typo.zh },
        { p: `查看草稿：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `Your draft needs a supervisor's approval (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        { p: 'Your draft is saved, but these checks did not pass:' },
        { list: d.checks.map((c) => c.en) },
        { p: d.meaning.en },
        { p: d.typo.en },
        { p: `See your draft at ${d.caseUrl}` },
      ],
    },
  }),
  overrideAccepted: (d) => ({
    zh: {
      subject: `主管已特批（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: `主管已核对并接受：${d.check.zh}` },
        {
          p:
            d.stillPending > 0
              ? `还有 ${d.stillPending} 项检查等待特批。`
              : '所有检查均已处理，您现在可以提交申请。',
        },
        { p: `查看草稿：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `A supervisor approved your draft's check (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        { p: `A supervisor checked and accepted: ${d.check.en}` },
        {
          p:
            d.stillPending > 0
              ? `${d.stillPending} more check(s) still wait for a supervisor.`
              : 'Nothing else is waiting: you can now submit your application.',
        },
        { p: `See your draft at ${d.caseUrl}` },
      ],
    },
  }),
  ...BUREAU_TEMPLATES,
  caseOpened: (d) => ({
    zh: {
      subject: `备案申请已创建（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        ...(d.documentsNeeded.length > 0
          ? [
              { p: `您的${d.filingType.zh}申请已创建，案件编号 ${d.caseId}。请上传以下材料：` },
              { list: d.documentsNeeded.map((doc) => doc.zh) },
            ]
          : [
              {
                p: `您的${d.filingType.zh}申请已创建，案件编号 ${d.caseId}。所需材料均已上传并通过自动检查，无需再上传，审核人员将尽快审核。`,
              },
            ]),
        ...(d.printableForms.length > 0
          ? [
              {
                p: `其中${d.printableForms.map((f) => `“${f.zh}”`).join('、')}可在案件页面打印预填版本，签字后扫描为 PDF 上传。`,
              },
            ]
          : []),
        { p: d.documentsNeeded.length > 0 ? `上传地址：${d.caseUrl}` : `查看进度：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `Your ICP filing case ${d.caseId} is open`,
      blocks: [
        { p: greet(d.applicantName).en },
        ...(d.documentsNeeded.length > 0
          ? [
              { p: `Your ${d.filingType.en} case ${d.caseId} is open. Please upload these documents:` },
              { list: d.documentsNeeded.map((doc) => doc.en) },
            ]
          : [
              {
                p: `Your ${d.filingType.en} case ${d.caseId} is open. Every document it needs is already uploaded and passed the automatic checks, so there is nothing more to upload: an officer will review them shortly.`,
              },
            ]),
        ...(d.printableForms.length > 0
          ? [
              {
                p: `The case page prints ${d.printableForms.map((f) => `the ${f.en}`).join(', ')} pre-filled: sign them and upload the scans as PDF.`,
              },
            ]
          : []),
        {
          p:
            d.documentsNeeded.length > 0 ? `Upload them at ${d.caseUrl}` : `Follow your case at ${d.caseUrl}`,
        },
      ],
    },
  }),
  documentInvalid: (d) => ({
    zh: {
      subject: `材料未通过检查：${d.document.zh}（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: `您上传的“${d.document.zh}”未通过自动检查，原因如下：` },
        { list: d.reasons.map((r) => r.zh) },
        { p: `请重新上传：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `Document not accepted: ${d.document.en} (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        { p: `The ${d.document.en} you uploaded did not pass the automatic checks:` },
        { list: d.reasons.map((r) => r.en) },
        { p: `Please upload it again at ${d.caseUrl}` },
      ],
    },
  }),
  documentsComplete: (d) => ({
    zh: {
      subject: `材料已齐全（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: '您的备案材料已全部上传并通过自动检查，审核人员将尽快审核。' },
        { p: `查看进度：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `All documents received (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p: 'All your documents are uploaded and passed the automatic checks. An officer will review them shortly.',
        },
        { p: `Follow your case at ${d.caseUrl}` },
      ],
    },
  }),
  reviewRejected: (d) => ({
    zh: {
      subject: `部分材料需要重新提交（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: '审核人员退回了以下材料，请按说明修改后仅重新上传这些材料：' },
        { list: d.documents.map((x) => `${x.document.zh}：${x.reason.zh}`) },
        { p: `剩余审核次数：${d.roundsLeft}。重新上传：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `Some documents need to be sent again (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        { p: 'The officer returned these documents. Please correct them and upload only these again:' },
        { list: d.documents.map((x) => `${x.document.en}: ${x.reason.en}`) },
        { p: `Review rounds left: ${d.roundsLeft}. Upload at ${d.caseUrl}` },
      ],
    },
  }),
  appointmentScheduled: (d) =>
    appointment(d, { zh: '面签预约已确定', en: 'Your in-person verification is booked' }),
  appointmentReminder: (d) => appointment(d, { zh: '面签提醒', en: 'Reminder: in-person verification' }),
  noShow: (d) => ({
    zh: {
      subject: `未按预约到场（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        {
          p:
            d.reschedulesLeft > 0
              ? `网站负责人未按预约到场核验。审核人员将为您重新预约，剩余改约次数：${d.reschedulesLeft}。`
              : '网站负责人多次未按预约到场核验，本次备案申请已关闭。如需备案，请重新提交申请。',
        },
        { p: `查看详情：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `Missed verification appointment (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p:
            d.reschedulesLeft > 0
              ? `The website's responsible person did not attend the verification. An officer will book a new appointment; reschedules left: ${d.reschedulesLeft}.`
              : 'The responsible person missed the verification again, so this case is closed. You are welcome to apply again.',
        },
        { p: `Details at ${d.caseUrl}` },
      ],
    },
  }),
  submittedToBureau: (d) => ({
    zh: {
      subject: `已提交至${d.bureau.zh}（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        {
          p: d.licence
            ? `您的经营许可证申请已提交至${d.bureau.zh}。依据《中华人民共和国电信条例》第十三条，管局应在60日内（即 ${d.dueDate} 前）作出决定。`
            : `您的备案已提交至${d.bureau.zh}。依据《非经营性互联网信息服务备案管理办法》第十二条，管局应在20个工作日内（即 ${d.dueDate}${d.dueDateProvisional ? '（暂定：该期间的法定节假日安排尚未公布，日期可能调整）' : ''} 前）完成审核。`,
        },
        {
          p: '重要：管局将向网站负责人的手机发送短信验证码，请在收到后 24 小时内按短信提示完成验证，否则备案将被退回。',
        },
      ],
    },
    en: {
      subject: `Submitted to the ${d.bureau.en} (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p: d.licence
            ? `Your licence application was submitted to the ${d.bureau.en}. By law (Telecommunications Regulations, art. 13) it decides within 60 days, that is by ${d.dueDate}.`
            : `Your filing was submitted to the ${d.bureau.en}. By law (MIIT Order No. 33, art. 12) the bureau decides within 20 working days, that is by ${d.dueDate}${d.dueDateProvisional ? ' (provisional: the official holidays of that period are not published yet, so the date may move)' : ''}.`,
        },
        {
          p: 'Important: the bureau will text a verification code to the responsible person’s mobile. Complete the verification within 24 hours of receiving it, or the filing is returned.',
        },
      ],
    },
  }),
  approved: (d) => ({
    zh: {
      subject: `备案成功：${d.icpNumber}`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: `恭喜，您的备案已通过，备案号为 ${d.icpNumber}。` },
        { p: '请在网站首页底部显示备案号并链接至工信部备案系统，可直接使用以下代码：' },
        { pre: d.footerSnippet },
      ],
    },
    en: {
      subject: `ICP filing approved: ${d.icpNumber}`,
      blocks: [
        { p: greet(d.applicantName).en },
        { p: `Your filing is approved. Your ICP number is ${d.icpNumber}.` },
        {
          p: 'Show it at the bottom of your home page, linked to the MIIT filing system. You can paste this snippet:',
        },
        { pre: d.footerSnippet },
      ],
    },
  }),
  filingUpdated: (d) => ({
    zh: {
      subject: `${d.filingType.zh}已完成：${d.icpNumber}`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: `管局已通过您的${d.filingType.zh}申请（${d.icpNumber}）。${d.outcome.zh}` },
        { p: `详情：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `${d.filingType.en} completed: ${d.icpNumber}`,
      blocks: [
        { p: greet(d.applicantName).en },
        { p: `The bureau approved your ${d.filingType.en} (${d.icpNumber}). ${d.outcome.en}` },
        { p: `Details: ${d.caseUrl}` },
      ],
    },
  }),
  rejected: (d) => ({
    zh: {
      subject: `备案未通过（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: '很遗憾，您的备案申请未通过，原因如下：' },
        { list: d.reasons.map((r) => r.zh) },
        { p: `详情：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `ICP filing not approved (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        { p: 'We are sorry: your filing was not approved, for these reasons:' },
        { list: d.reasons.map((r) => r.en) },
        { p: `Details at ${d.caseUrl}` },
      ],
    },
  }),
  expiryReminder: (d) => ({
    zh: {
      subject: `请尽快补充材料：还剩 ${d.daysLeft} 天（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: `您的备案案件仍在等待材料，将于 ${d.expiresOn} 自动关闭（还剩 ${d.daysLeft} 天）。` },
        { p: `上传材料：${d.caseUrl}` },
      ],
    },
    en: {
      subject: `Documents still needed: ${d.daysLeft} days left (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p: `Your case is still waiting for documents and closes automatically on ${d.expiresOn} (${d.daysLeft} days left).`,
        },
        { p: `Upload them at ${d.caseUrl}` },
      ],
    },
  }),
  expired: (d) => ({
    zh: {
      subject: `备案案件已过期关闭（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        { p: '由于 45 天内未补齐材料，您的备案案件已自动关闭。您可以随时重新提交申请。' },
      ],
    },
    en: {
      subject: `Case closed after 45 days (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p: 'Your case was closed because the documents were not complete within 45 days. You may apply again at any time.',
        },
      ],
    },
  }),
  withdrawn: (d) => ({
    zh: {
      subject: `备案申请已撤回（${d.caseId}）`,
      blocks: [{ p: greet(d.applicantName).zh }, { p: '您的备案申请已按您的要求撤回。' }],
    },
    en: {
      subject: `Case withdrawn (${d.caseId})`,
      blocks: [{ p: greet(d.applicantName).en }, { p: 'Your case was withdrawn as you asked.' }],
    },
  }),
};

function appointment(
  d: TemplateData['appointmentScheduled'],
  title: Bilingual,
): { zh: Localised; en: Localised } {
  return {
    zh: {
      subject: `${title.zh}（${d.caseId}）`,
      blocks: [
        { p: greet(d.applicantName).zh },
        {
          p: `网站负责人需本人到场核验。时间：${d.when.zh}；地点：${d.office.name.zh}，${d.office.address.zh}。`,
        },
        { p: '请携带：' },
        { list: d.bring.map((b) => b.zh) },
      ],
    },
    en: {
      subject: `${title.en} (${d.caseId})`,
      blocks: [
        { p: greet(d.applicantName).en },
        {
          p: `The website's responsible person must attend in person on ${d.when.en} at our ${d.office.name.en}, ${d.office.address.en}.`,
        },
        { p: 'Please bring:' },
        { list: d.bring.map((b) => b.en) },
      ],
    },
  };
}

/** Renders one template for one recipient: subject "中文 / English", body Chinese first. */
export function renderEmail<K extends TemplateName>(
  name: K,
  to: string,
  data: TemplateData[K],
): EmailMessage {
  const template = TEMPLATES[name] as Template<K>;
  const { zh, en } = template(data);
  const text = [...zh.blocks.map(blockText), '', '——', '', ...en.blocks.map(blockText)].join('\n\n');
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family:sans-serif">',
    '<div lang="zh-CN">',
    ...zh.blocks.map(blockHtml),
    '</div><hr><div lang="en">',
    ...en.blocks.map(blockHtml),
    '</div></body></html>',
  ].join('');
  return { to, subject: `${zh.subject} / ${en.subject}`, text, html };
}

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
