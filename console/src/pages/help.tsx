import type { ReactNode } from 'react';
import { DOCUMENT_RULES, type DocumentType } from '../../../functions/domain/document-types.ts';
import { useI18n } from '../i18n.ts';

interface Topic {
  id: string;
  q: [string, string];
  a: [ReactNode, ReactNode];
}

const DOC_SOURCES: Array<[DocumentType, string, string]> = [
  [
    'APPLICANT_ID_FRONT',
    '申请人本人的居民身份证（正反两面照片）。',
    'Your own resident ID card (photos of both sides).',
  ],
  [
    'BUSINESS_LICENCE',
    '企业的营业执照（市场监督管理部门颁发），上传清晰扫描件。',
    'The company’s business licence from the market regulator; upload a clear scan.',
  ],
  [
    'PASSPORT',
    '外籍申请人的护照个人信息页，以及派出所出具的境外人员临时住宿登记单。',
    'Foreign applicants: the passport photo page and the temporary residence registration issued by the local police station.',
  ],
  [
    'RESPONSIBLE_PERSON_ID_FRONT',
    '网站负责人的身份证件（正反两面）。个人申请时通常就是申请人本人。',
    'The website responsible person’s ID (both sides). For individuals this is usually you.',
  ],
  [
    'DOMAIN_CERTIFICATE',
    '向域名注册商（如阿里云、腾讯云）下载域名证书，持有人须与申请人一致。',
    'Download it from your domain registrar (e.g. Alibaba Cloud, Tencent Cloud); the holder must be the applicant.',
  ],
  [
    'WEBSITE_VERIFICATION_FORM',
    '在申请的材料清单中点击“打印预填表格”，核对后由网站负责人手写签字（企业需加盖公章），扫描为 PDF 上传。',
    'Choose “Print the pre-filled form” in your application’s document list, check it, have the responsible person sign it by hand (companies add the seal), and upload the scan as a PDF.',
  ],
  [
    'SECURITY_COMMITMENT',
    '在材料清单中打印预填的承诺书，签字（企业需加盖公章）后扫描为 PDF 上传。',
    'Print the pre-filled commitment from your document list, sign it (companies add the seal) and upload the scan as a PDF.',
  ],
  [
    'REGISTRATION_APPLICATION_FORM',
    '在材料清单中打印预填的申请表，签字后扫描为 PDF 上传。',
    'Print the pre-filled application form from your document list, sign it and upload the scan as a PDF.',
  ],
];

const TOPICS: Topic[] = [
  {
    id: 'who',
    q: ['谁需要办理 ICP 备案？', 'Who needs an ICP number?'],
    a: [
      '凡是服务器位于中国大陆的网站，都必须在上线前办理 ICP 备案，并在首页底部展示备案号。服务器在境外（含香港）的网站无需也无法在大陆备案。',
      'Every website hosted on servers in mainland China must have an ICP number before it goes live, and show it in the footer of its home page. Sites hosted outside the mainland (including Hong Kong) neither need nor can get one.',
    ],
  },
  {
    id: 'types',
    q: [
      '非经营性备案和经营性许可证有什么区别？',
      'General filing (备案) or commercial licence (经营许可证)?',
    ],
    a: [
      <>
        <p>
          <strong>非经营性备案（ICP 备案）</strong>：适用于展示信息的网站（个人博客、企业官网等）。
          <strong>完全免费</strong>，管局审核约 20 个工作日。个人、企业、在华外籍个人均可申请。
        </p>
        <p>
          <strong>经营性 ICP 许可证</strong>
          ：网站本身产生收入的企业需要，例如在线销售、付费服务、广告收入。必须先取得 ICP
          备案号；仅限在中国境内注册的企业；注册资本不低于 100
          万元人民币；需缴纳各省规定的费用，审批通常需要数月。
        </p>
      </>,
      <>
        <p>
          <strong>General filing (ICP 备案)</strong>: for sites that present information (personal blogs,
          company sites). It is <strong>free</strong> and the bureau takes about 20 business days.
          Individuals, companies and foreigners living in China can apply.
        </p>
        <p>
          <strong>Commercial ICP licence (经营许可证)</strong>: for businesses that earn from the site itself
          — online sales, paid services, advertising. It needs a general ICP number first, is for companies
          registered in China only, requires registered capital of at least 1,000,000 CNY, carries provincial
          fees and usually takes months.
        </p>
      </>,
    ],
  },
  {
    id: 'documents',
    q: ['需要准备哪些材料？在哪里获取？', 'Which documents do I need, and where do I get them?'],
    a: [null, null],
  },
  {
    id: 'add-site',
    q: ['已有备案号，如何增加网站？', 'I already have an ICP number. How do I add a website?'],
    a: [
      '新建申请时选择“新增网站”，填写已有的备案号。主体信息已在管局备案，只需提交新网站的材料；新网站会获得带后缀的备案号，例如 京ICP备12345678号-2。',
      'Start a new application and choose “Add a website”, giving your existing number. The entity is already on file, so only the new site’s documents are needed; the site gets a numbered suffix, e.g. 京ICP备12345678号-2.',
    ],
  },
  {
    id: 'change',
    q: ['更换服务器 IP 或接入商怎么办？', 'What if I change the IP address or hosting?'],
    a: [
      '需要办理变更备案：新建申请时选择“变更接入”，填写已有备案号和新的服务器 IP。备案号保持不变。迁移到其他服务商时，须通过新服务商办理接入。',
      'That is a change filing: start a new application, choose “Change hosting” and give your existing number and the new IP addresses. Your number stays the same. If you move to another provider, the change is filed through the new provider.',
    ],
  },
  {
    id: 'holder',
    q: ['申请人和域名持有人必须一致吗？', 'Must the applicant and the domain holder be the same?'],
    a: [
      '必须一致。如果域名登记在他人或其他公司名下，请先在注册商处将域名过户给申请人，再提交备案。',
      'Yes. If the domain is registered to someone else or another company, transfer it to the applicant at the registrar first, then file.',
    ],
  },
  {
    id: 'abroad',
    q: [
      '域名在境外注册商注册，可以备案吗？',
      'My domain is registered with a registrar abroad. Can I file it?',
    ],
    a: [
      '不可以直接备案。须先将域名转入工信部许可的境内域名注册服务机构（如阿里云、腾讯云、新网、西部数码等），且顶级域名须在工信部批准的后缀列表中。',
      'Not as it is. Transfer the domain to a registrar accredited by MIIT (e.g. Alibaba Cloud, Tencent Cloud, Xinnet, West.cn) first; the top-level domain must also be on MIIT’s approved list.',
    ],
  },
  {
    id: 'other-host',
    q: [
      '网站托管在其他服务商，可以在这里备案吗？',
      'My site is hosted with another provider. Can I file here?',
    ],
    a: [
      '不可以。备案须通过网站实际所在服务器的接入商办理。请在您的托管商处备案，或先把网站迁移到我们的服务器。',
      'No. A filing is made through the provider whose servers actually host the site. File with your current host, or move the site to our servers first.',
    ],
  },
  {
    id: 'cost',
    q: ['备案要花钱吗？需要找代理吗？', 'Does filing cost anything? Do I need an agent?'],
    a: [
      'ICP 备案（非经营性）完全免费，管局和我们都不收取任何费用。您不需要委托代理，也不需要支付任何月费。请警惕以“加急备案”为名收费的第三方。',
      'A general ICP filing is free: neither the bureau nor we charge anything. You need no agent and pay no monthly fee. Be wary of third parties charging for “express filing”.',
    ],
  },
  {
    id: 'process',
    q: ['办理流程是怎样的？', 'How does the process work?'],
    a: [
      '① 在线填写申请 → ② 上传材料（自动检查格式与清晰度）→ ③ 审核员审核 → ④ 网站负责人到北京或上海办公室面签 → ⑤ 我们提交通信管理局，期间请按管局短信完成核验 → ⑥ 取得备案号，放到网站首页底部。',
      '① Fill in the application online → ② upload the documents (checked automatically) → ③ an officer reviews them → ④ the responsible person verifies in person at our Beijing or Shanghai office → ⑤ we submit to the communications administration; complete the bureau’s SMS check when it arrives → ⑥ receive your number and put it in your home page footer.',
    ],
  },
];

/** What applicants ask before they start, in both languages (the current one shown). */
export function HelpPage() {
  const { t, lang, pick } = useI18n();
  const i = lang === 'zh' ? 0 : 1;
  return (
    <article className="help" data-testid="help-page" aria-labelledby="help-title">
      <h1 id="help-title">{t('helpTitle')}</h1>
      <nav aria-label={t('helpTitle')} className="toc card">
        <ol>
          {TOPICS.map((topic) => (
            <li key={topic.id}>
              <a
                href={`#/help?topic=${topic.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  const el = document.getElementById(`help-${topic.id}`);
                  el?.scrollIntoView();
                  el?.focus();
                }}
              >
                {topic.q[i]}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {TOPICS.map((topic) => (
        <section
          key={topic.id}
          className="card help-topic"
          id={`help-${topic.id}`}
          tabIndex={-1}
          data-testid={`help-${topic.id}`}
          aria-labelledby={`help-${topic.id}-q`}
        >
          <h2 id={`help-${topic.id}-q`}>{topic.q[i]}</h2>
          {topic.id === 'documents' ? (
            <>
              <p>
                {pick(
                  '所需材料取决于备案类型、主体类型和所在省份，创建申请后系统会列出您的清单。常见材料：',
                  'The exact list depends on the filing type, the applicant type and the province; your case shows it once created. The usual documents:',
                )}
              </p>
              <dl className="details">
                {DOC_SOURCES.map(([docType, zh, en]) => (
                  <div key={docType} className="details-row">
                    <dt>{pick(DOCUMENT_RULES[docType].labelZh, DOCUMENT_RULES[docType].labelEn)}</dt>
                    <dd>{pick(zh, en)}</dd>
                  </div>
                ))}
              </dl>
              <p className="muted">
                {pick(
                  '部分省份还需额外材料，例如广东省的备案承诺书，或在非户籍省份备案的个人需提供居住证；涉及新闻、出版、医疗、药品等内容需先取得前置审批。',
                  'Some provinces ask for more, such as Guangdong’s commitment letter, or a residence permit for individuals filing outside their home province; news, publishing, medical or drug content needs a sector pre-approval first.',
                )}
              </p>
            </>
          ) : typeof topic.a[i] === 'string' ? (
            <p>{topic.a[i]}</p>
          ) : (
            topic.a[i]
          )}
        </section>
      ))}
    </article>
  );
}
