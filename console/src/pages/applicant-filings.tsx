/**
 * The applicant's approved filings, from the registry (GET /filings): each entity with its main
 * number and websites, what we host, and the actions that apply. An action opens the application form
 * pre-filled from the approved filing (?from=<number>&kind=<kind>).
 */
import { useEffect, useState } from 'react';
import { api, type FilingView } from '../api.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { useI18n } from '../i18n.ts';
import { FILING_TYPE_LABELS } from '../labels.ts';
import { href } from '../router.ts';

type Kind = FilingView['actions'][number];

const startHref = (number: string, kind: Kind) =>
  href(`/cases/new?from=${encodeURIComponent(number)}&kind=${kind}`);

/** One action as a link to its pre-filled form. */
function ActionLink({ number, kind }: { number: string; kind: Kind }) {
  const { pick } = useI18n();
  const [zh, en] = FILING_TYPE_LABELS[kind];
  return (
    <a className="button button-small" href={startHref(number, kind)} data-testid={`action-${kind}`}>
      {pick(zh, en)}
    </a>
  );
}

export function ApplicantFilingsPage() {
  const { pick } = useI18n();
  const [items, setItems] = useState<FilingView[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api.listMyFilings().then((list) => setItems(list.items), setError);
  }, []);

  const statusText = (status: string) =>
    status === 'ACTIVE' ? pick('已备案', 'Filed') : pick('已注销', 'Cancelled');

  return (
    <>
      <div className="page-header">
        <h1>{pick('我的备案', 'My filings')}</h1>
        <a className="button" href={href('/cases/new?kind=TRANSFER_IN')} data-testid="action-TRANSFER_IN">
          {pick(
            '接入备案：迁入已在其他服务商备案的网站',
            'Transfer in a site filed through another provider',
          )}
        </a>
      </div>
      <ErrorMessage error={error} />
      {!items && !error && <p role="status">{pick('正在加载…', 'Loading…')}</p>}
      {items && items.length === 0 && (
        <div className="empty card" data-testid="no-filings">
          <p>{pick('您还没有通过本服务商获批的备案。', 'You have no filings approved through us yet.')}</p>
        </div>
      )}
      {items?.map((entity) => (
        <section key={entity.entityNumber} className="card" data-testid={`filing-${entity.entityNumber}`}>
          <div className="card-header">
            <h2>
              <span className="icp-inline" data-testid="entity-number">
                {entity.entityNumber}
              </span>{' '}
              {entity.name}
            </h2>
            <span className="muted small" data-testid="entity-status">
              {statusText(entity.status)}
            </span>
          </div>
          <div className="form-actions">
            {entity.actions.map((kind) => (
              <ActionLink key={kind} number={entity.entityNumber} kind={kind} />
            ))}
          </div>
          <ul className="case-cards">
            {entity.websites.map((site) => (
              <li key={site.icpNumber} className="case-card" data-testid={`website-${site.icpNumber}`}>
                <div className="case-card-main">
                  <strong>{site.name}</strong>
                  <span className="icp-inline">{site.icpNumber}</span>
                  <span className="muted small">
                    {site.domains.join('、')} · {pick('负责人', 'Responsible person')}:{' '}
                    {site.responsiblePersonName}
                  </span>
                  <span className="muted small" data-testid="website-access">
                    {site.hostedHere
                      ? `${pick('本服务商接入', 'Hosted here')}: ${site.ipAddresses.join('、')}`
                      : pick('未接入本服务商', 'Not hosted here')}
                  </span>
                </div>
                <div className="case-card-side">
                  <span className="muted small" data-testid="website-status">
                    {statusText(site.status)}
                  </span>
                  {site.actions.map((kind) => (
                    <ActionLink key={kind} number={site.icpNumber} kind={kind} />
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
