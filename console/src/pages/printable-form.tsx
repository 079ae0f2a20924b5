import { useEffect, useState } from 'react';
import type { Application } from '../../../functions/domain/application.ts';
import { DOCUMENT_RULES, isPrintableForm } from '../../../functions/domain/document-types.ts';
import { printableForm } from '../../../functions/domain/printable-forms.ts';
import { api, type CaseView } from '../api.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { useI18n } from '../i18n.ts';
import { href } from '../router.ts';

/**
 * A form pre-filled from the case (functions/domain/printable-forms.ts), laid out for A4: the
 * applicant prints it, signs, seals and dates it by hand, and uploads the scan. Everything but the
 * sheet is hidden when printing (styles.css, `@media print`).
 */
export function PrintableFormPage({ caseId, docType }: { caseId: string; docType: string }) {
  const { t, pick } = useI18n();
  const [record, setRecord] = useState<CaseView>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    api.getCase(caseId).then(setRecord, setError);
  }, [caseId]);

  if (error) return <ErrorMessage error={error} />;
  if (!record) return <p role="status">{t('loading')}</p>;
  if (!isPrintableForm(docType) || !record.requiredDocuments.includes(docType)) {
    return (
      <p data-testid="form-not-printable">
        {t('formNotPrintable')} <a href={href(`/cases/${caseId}`)}>{t('backToCase')}</a>
      </p>
    );
  }

  const rule = DOCUMENT_RULES[docType];
  const form = printableForm(docType, {
    caseId: record.caseId,
    filingType: record.filingType,
    application: record.application as Application,
  });
  return (
    <div
      className="printable"
      data-testid="printable-form"
      data-doc-type={docType}
      data-case-id={record.caseId}
    >
      <div className="print-toolbar no-print">
        <p>
          <a href={href(`/cases/${caseId}`)}>← {t('backToCase')}</a>
        </p>
        <p>{t('printFormHowTo', { doc: pick(rule.labelZh, rule.labelEn) })}</p>
        <p className="muted small">{t('printFormChinese')}</p>
        <button
          type="button"
          className="button button-primary"
          data-testid="print-now"
          onClick={() => window.print()}
        >
          {t('printNow')}
        </button>
      </div>
      <article className="print-sheet" lang="zh-CN">
        <p className="print-reference">{form.reference}</p>
        <h1>{form.title}</h1>
        {form.sections.map((section) => (
          <table key={section.heading} className="print-table">
            <caption>{section.heading}</caption>
            <tbody>
              {section.rows.map(([label, value], i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for the page's life
                <tr key={`${label}-${i}`}>
                  <th scope="row">{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        {form.statements.length === 1 ? (
          <p className="print-statement">{form.statements[0]}</p>
        ) : (
          <ol className="print-statement">
            {form.statements.map((statement) => (
              <li key={statement}>{statement}</li>
            ))}
          </ol>
        )}
        <div className="print-signatures">
          {form.signatures.map((label) => (
            <div key={label} className="print-signature">
              <span>{label}：</span>
            </div>
          ))}
        </div>
      </article>
    </div>
  );
}
