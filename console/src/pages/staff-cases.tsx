/**
 * Staff: find a case (one search box: case id, ICP number, ID or credit-code number, domain, name)
 * and every case, filtered by step or status, filing type, office and province. The search text and
 * the filters live in the URL, so a result can be shared and survives a reload.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { CaseStatus, HumanStep } from '../../../functions/domain/case-status.ts';
import { FilingType } from '../../../functions/domain/filing.ts';
import { OFFICES } from '../../../functions/domain/offices.ts';
import { PROVINCES } from '../../../functions/domain/provinces.ts';
import type { CaseView } from '../api.ts';
import { CaseTable } from '../components/case-table.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { SelectField } from '../components/labelled-field.tsx';
import { useI18n } from '../i18n.ts';
import { FILING_TYPE_LABELS, labelOf, STATUS_LABELS, STEP_LABELS } from '../labels.ts';
import { navigate } from '../router.ts';
import { type CaseListFilters, type SearchResults, staffApi } from '../staff-api.ts';

const FILTERS = ['step', 'status', 'filingType', 'office', 'province'] as const;

const MATCHED_BY: Record<SearchResults['items'][number]['matchedBy'], readonly [string, string]> = {
  caseId: ['案件编号', 'case id'],
  icpNumber: ['ICP 备案号', 'ICP number'],
  idNumber: ['证件号码', 'ID number'],
  domain: ['域名', 'domain'],
  name: ['名称', 'name'],
};

export default function StaffCasesPage({ query }: { query: URLSearchParams }) {
  const { pick, lang } = useI18n();
  const q = query.get('q') ?? '';
  const filters: CaseListFilters = Object.fromEntries(
    FILTERS.filter((name) => query.get(name)).map((name) => [name, query.get(name) as string]),
  );
  const key = `${q}|${JSON.stringify(filters)}`;
  const [text, setText] = useState(q);
  const [results, setResults] = useState<SearchResults>();
  const [items, setItems] = useState<CaseView[]>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<unknown>();

  const load = (after?: string) => {
    setError(undefined);
    staffApi.listCases({ ...filters, ...(after ? { cursor: after } : {}) }).then((page) => {
      setItems((prev) => [...(after ? (prev ?? []) : []), ...page.items]);
      setCursor(page.cursor);
    }, setError);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the URL's search or filters (in key) change
  useEffect(() => {
    setText(q);
    setResults(undefined);
    setItems(undefined);
    setError(undefined);
    if (q) staffApi.search(q).then(setResults, setError);
    else load();
  }, [key]);

  const go = (next: URLSearchParams) => navigate(`/officer/cases${next.size ? `?${next.toString()}` : ''}`);
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    go(next);
  };
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    next.delete('q');
    if (value) next.set(name, value);
    else next.delete(name);
    go(next);
  };

  return (
    <>
      <div className="page-header">
        <h1>{pick('查找案件', 'Find cases')}</h1>
      </div>
      <search>
        <form className="card search-form" onSubmit={onSearch}>
          <label htmlFor="case-search">
            {pick(
              '案件编号、ICP 备案号、证件号码或统一社会信用代码、域名、申请人名称',
              'Case id, ICP number, ID or credit-code number, domain, or applicant name',
            )}
          </label>
          <div className="search-row">
            <input
              id="case-search"
              type="search"
              data-testid="case-search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoComplete="off"
            />
            <button type="submit" className="button button-primary" data-testid="case-search-submit">
              {pick('搜索', 'Search')}
            </button>
          </div>
        </form>
      </search>
      {!q && (
        <form
          className="filters card"
          aria-label={pick('筛选', 'Filters')}
          onSubmit={(e) => e.preventDefault()}
        >
          <SelectField
            id="cases-step"
            label={pick('当前环节', 'Step')}
            value={filters.step ?? ''}
            onValue={(v) => setFilter('step', v)}
            any={pick('全部', 'Any')}
            options={HumanStep.options.map((s) => [s, labelOf(STEP_LABELS, s, lang)] as const)}
          />
          <SelectField
            id="cases-status"
            label={pick('状态', 'Status')}
            value={filters.status ?? ''}
            onValue={(v) => setFilter('status', v)}
            any={pick('全部', 'Any')}
            options={CaseStatus.options.map((s) => [s, labelOf(STATUS_LABELS, s, lang)] as const)}
          />
          <SelectField
            id="cases-filingType"
            label={pick('备案类型', 'Filing type')}
            value={filters.filingType ?? ''}
            onValue={(v) => setFilter('filingType', v)}
            any={pick('全部', 'Any')}
            options={FilingType.options.map((f) => [f, labelOf(FILING_TYPE_LABELS, f, lang)] as const)}
          />
          <SelectField
            id="cases-office"
            label={pick('核验点', 'Office')}
            value={filters.office ?? ''}
            onValue={(v) => setFilter('office', v)}
            any={pick('全部', 'Any')}
            options={OFFICES.map((o) => [o.id, pick(o.name.zh, o.name.en)] as const)}
          />
          <SelectField
            id="cases-province"
            label={pick('省份', 'Province')}
            value={filters.province ?? ''}
            onValue={(v) => setFilter('province', v)}
            any={pick('全部', 'Any')}
            options={PROVINCES.map((p) => [p.code, pick(p.nameZh, p.nameEn)] as const)}
          />
        </form>
      )}
      <ErrorMessage error={error} />
      {results && (
        <section aria-live="polite" data-testid="search-results">
          <h2>{pick(`“${q}”的搜索结果`, `Results for “${q}”`)}</h2>
          {results.items.length === 0 ? (
            <p className="empty card" data-testid="search-empty">
              {pick('没有找到案件。', 'No case found.')}
            </p>
          ) : (
            <CaseTable
              items={results.items}
              caption={pick('搜索结果', 'Search results')}
              testId="search-table"
              extra={{
                heading: pick('匹配项', 'Matched by'),
                cell: (c) => {
                  const by = (c as SearchResults['items'][number]).matchedBy;
                  return <span data-testid="matched-by">{pick(MATCHED_BY[by][0], MATCHED_BY[by][1])}</span>;
                },
              }}
            />
          )}
          {results.truncated && (
            <p className="muted">
              {pick(
                '匹配的案件较多，仅显示前 25 个，请输入更完整的内容。',
                'More cases match: the first 25 are shown; type more to narrow it.',
              )}
            </p>
          )}
        </section>
      )}
      {!q && !items && !error && <p role="status">{pick('加载中…', 'Loading…')}</p>}
      {items && items.length === 0 && (
        <p className="empty card" data-testid="cases-empty">
          {pick('没有符合条件的案件。', 'No case matches these filters.')}
        </p>
      )}
      {items && items.length > 0 && (
        <CaseTable items={items} caption={pick('全部案件', 'All cases')} testId="cases-table" />
      )}
      {!q && cursor && (
        <button type="button" className="button" onClick={() => load(cursor)}>
          {pick('加载更多', 'Load more')}
        </button>
      )}
    </>
  );
}
