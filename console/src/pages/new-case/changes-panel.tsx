/**
 * For a form started from a registered filing: which filing it builds on, that the entity and the
 * responsible person come from it, and what the case changes (the website's domains and addresses as
 * filed and hosted now, against the form's).
 */
import type { FilingPrefill } from '../../api.ts';
import type { CaseForm } from '../../form-model.ts';
import { useI18n } from '../../i18n.ts';

const lines = (text: string) =>
  text
    .split(/[\n,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function Row({ id, label, before, after }: { id: string; label: string; before: string[]; after: string[] }) {
  const { pick } = useI18n();
  const changed = before.join(',') !== after.join(',');
  return (
    <tr data-testid={`change-${id}`} data-changed={changed}>
      <th scope="row">{label}</th>
      <td>{before.join('、') || '—'}</td>
      <td>
        {after.join('、') || '—'}
        {changed && <strong className="badge badge-action">{pick('将变更', 'changes')}</strong>}
      </td>
    </tr>
  );
}

export function ChangesPanel({ prefill, form }: { prefill: FilingPrefill; form: CaseForm }) {
  const { pick } = useI18n();
  const site = form.websites[0];
  return (
    <section className="card" data-testid="changes-panel" aria-labelledby="changes-title">
      <h2 id="changes-title">{pick('基于已备案信息', 'Starting from your filing')}</h2>
      <p>
        {pick(
          `基于备案 ${prefill.icpNumber}：主体与网站负责人信息已从获批的申请 ${prefill.basedOnCaseId} 带入，无需重新填写。`,
          `Based on ${prefill.icpNumber}: the entity and the responsible person come from the approved case ${prefill.basedOnCaseId}; nothing to type again.`,
        )}
      </p>
      {form.filingType === 'CANCEL_WEBSITE' && (
        <p className="alert alert-warning" data-testid="cancel-warning">
          {pick(
            `提交后将注销网站 ${prefill.icpNumber} 的备案，主体及其他网站不受影响。`,
            `This cancels the filing of website ${prefill.icpNumber}; the entity and its other websites stay filed.`,
          )}
        </p>
      )}
      {prefill.current && site && (
        <table className="changes-table">
          <thead>
            <tr>
              <th scope="col">{pick('项目', 'Item')}</th>
              <th scope="col">{pick('当前', 'Now')}</th>
              <th scope="col">{pick('本次申请', 'This application')}</th>
            </tr>
          </thead>
          <tbody>
            <Row
              id="domains"
              label={pick('域名', 'Domains')}
              before={prefill.current.domains}
              after={lines(site.domains)}
            />
            <Row id="ip" label="IP" before={prefill.current.ipAddresses} after={lines(site.ipAddresses)} />
          </tbody>
        </table>
      )}
    </section>
  );
}
