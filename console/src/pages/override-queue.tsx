/**
 * Supervisors: drafts waiting for an override (an application that failed only overridable checks,
 * e.g. a credit code's checksum), oldest first. A draft has no workflow step, so no step's queue shows
 * it; this is its queue. Each row names the pending checks in words and links to the case, where the
 * supervisor accepts them.
 */
import { useEffect, useState } from 'react';
import { ERROR_CATALOGUE } from '../../../functions/domain/error-catalogue.ts';
import type { CaseView } from '../api.ts';
import { CaseTable } from '../components/case-table.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { useI18n } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';

export default function OverrideQueuePage() {
  const { pick } = useI18n();
  const [items, setItems] = useState<CaseView[]>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<unknown>();
  const load = (after?: string) => {
    setError(undefined);
    staffApi.overrideQueue(after).then((page) => {
      setItems((prev) => [...(after ? (prev ?? []) : []), ...page.items]);
      setCursor(page.cursor);
    }, setError);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once
  useEffect(() => load(), []);

  const describe = (code: string) => {
    const entry = (ERROR_CATALOGUE as Record<string, { message: string; messageZh: string }>)[code];
    return entry ? pick(entry.messageZh, entry.message) : code;
  };

  return (
    <>
      <div className="page-header">
        <h1>{pick('待主管特批', 'Waiting for an override')}</h1>
        <button type="button" className="button" onClick={() => load()}>
          {pick('刷新', 'Refresh')}
        </button>
      </div>
      <p className="muted">
        {pick(
          '这些草稿只有可特批的检查未通过（如信用代码校验位）。打开案件，核对原件后接受，或等待申请人更正。',
          'These drafts fail only checks a supervisor may accept (such as a credit code’s check character). Open the case, check the original, and accept — or wait for the applicant to correct it.',
        )}
      </p>
      <ErrorMessage error={error} />
      {!items && !error && <p role="status">{pick('加载中…', 'Loading…')}</p>}
      {items && items.length === 0 && (
        <p className="empty card" data-testid="overrides-empty">
          {pick('没有等待特批的草稿。', 'No draft is waiting for an override.')}
        </p>
      )}
      {items && items.length > 0 && (
        <CaseTable
          items={items}
          caption={pick('待主管特批', 'Waiting for an override')}
          testId="overrides-table"
          extra={{
            heading: pick('待特批的检查', 'Checks to accept'),
            cell: (c) => (
              <ul className="plain-list" data-testid="pending-overrides">
                {(c.pendingOverrides ?? []).map((code) => (
                  <li key={code} data-code={code}>
                    {describe(code)}
                  </li>
                ))}
              </ul>
            ),
          }}
        />
      )}
      {cursor && (
        <button type="button" className="button" onClick={() => load(cursor)}>
          {pick('加载更多', 'Load more')}
        </button>
      )}
    </>
  );
}
