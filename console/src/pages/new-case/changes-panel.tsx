/**
 * For a form started from a registered filing: which filing it builds on, that the entity and the
 * responsible person come from it, and what the case changes (the website's name, domains, addresses and
 * responsible person as filed and hosted now, or the entity's name and address, against the form's).
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

const CANCEL_WARNINGS: Partial<Record<CaseForm['filingType'], (n: string) => readonly [string, string]>> = {
  CANCEL_WEBSITE: (n) => [
    `提交后将注销网站 ${n} 的备案，主体及其他网站不受影响。`,
    `This cancels the filing of website ${n}; the entity and its other websites stay filed.`,
  ],
  CANCEL_ENTITY: (n) => [
    `提交后将注销主体 ${n} 及其下全部网站的备案号，之后如需提供网站服务须重新备案。`,
    `This cancels the entity ${n} and every website's number under it; running a website again needs a new filing.`,
  ],
};

export function ChangesPanel({ prefill, form }: { prefill: FilingPrefill; form: CaseForm }) {
  const { pick } = useI18n();
  const site = form.websites[0];
  const current = prefill.current;
  const warning = CANCEL_WARNINGS[form.filingType]?.(prefill.icpNumber);
  const entityRows = current?.entityName !== undefined;
  return (
    <section className="card" data-testid="changes-panel" aria-labelledby="changes-title">
      <h2 id="changes-title">{pick('基于已备案信息', 'Starting from your filing')}</h2>
      <p>
        {pick(
          `基于备案 ${prefill.icpNumber}：主体与网站负责人信息已从获批的申请 ${prefill.basedOnCaseId} 带入，无需重新填写。`,
          `Based on ${prefill.icpNumber}: the entity and the responsible person come from the approved case ${prefill.basedOnCaseId}; nothing to type again.`,
        )}
      </p>
      {warning && (
        <p className="alert alert-warning" data-testid="cancel-warning">
          {pick(warning[0], warning[1])}
        </p>
      )}
      {current && (entityRows || site) && (
        <table className="changes-table">
          <thead>
            <tr>
              <th scope="col">{pick('项目', 'Item')}</th>
              <th scope="col">{pick('当前', 'Now')}</th>
              <th scope="col">{pick('本次申请', 'This application')}</th>
            </tr>
          </thead>
          <tbody>
            {entityRows && (
              <>
                <Row
                  id="entity-name"
                  label={pick('主体名称', 'Entity name')}
                  before={[current.entityName ?? '']}
                  after={[form.applicant.name.trim()]}
                />
                <Row
                  id="entity-address"
                  label={pick('住所', 'Address')}
                  before={[current.entityAddress ?? '']}
                  after={[form.applicant.address.trim()]}
                />
              </>
            )}
            {!entityRows && site && (
              <>
                {current.name !== undefined && (
                  <Row
                    id="name"
                    label={pick('网站名称', 'Website name')}
                    before={[current.name]}
                    after={[site.name.trim()]}
                  />
                )}
                <Row
                  id="domains"
                  label={pick('域名', 'Domains')}
                  before={current.domains ?? []}
                  after={lines(site.domains)}
                />
                <Row id="ip" label="IP" before={current.ipAddresses ?? []} after={lines(site.ipAddresses)} />
                {current.responsiblePersonName !== undefined && (
                  <Row
                    id="responsible"
                    label={pick('网站负责人', 'Responsible person')}
                    before={[current.responsiblePersonName]}
                    after={[form.responsible.name.trim()]}
                  />
                )}
              </>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
