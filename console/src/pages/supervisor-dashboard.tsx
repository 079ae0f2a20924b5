/**
 * Supervisors: the dashboard. Open cases by step, by age and overdue by office (the snapshot the
 * queue-metrics schedule writes), cases opened and closed per week, each step's lead time in business
 * days, and the top return reasons — all from a few stored aggregates (docs/dashboard.md).
 */
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { DashboardResponse } from '../../../functions/api/staff-schemas.ts';
import { HumanStep } from '../../../functions/domain/case-status.ts';
import { OFFICES } from '../../../functions/domain/offices.ts';
import { request } from '../api.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { useI18n } from '../i18n.ts';
import { labelOf, STEP_LABELS } from '../labels.ts';
import { REASON_TEMPLATES } from '../review-reasons.ts';

type Dashboard = z.infer<typeof DashboardResponse>;

export default function SupervisorDashboardPage() {
  const { pick, lang } = useI18n();
  const [data, setData] = useState<Dashboard>();
  const [error, setError] = useState<unknown>();
  const load = () => {
    setError(undefined);
    request<Dashboard>('GET', '/supervisor/dashboard').then(setData, setError);
  };
  useEffect(load, []);

  const stepLabel = (step: string) => labelOf(STEP_LABELS, step, lang);
  const officeLabel = (id: string) => {
    const office = OFFICES.find((o) => o.id === id);
    return office ? pick(office.name.zh, office.name.en) : pick('未定', 'Not set');
  };
  const reasonLabel = (code: string) => {
    const template = REASON_TEMPLATES.find((r) => r.code === code);
    if (template) return pick(template.labelZh, template.labelEn);
    return code === 'OTHER' ? pick('其他', 'Other') : code;
  };
  const days = pick('工作日', 'business days');

  return (
    <>
      <div className="page-header">
        <h1>{pick('统计看板', 'Dashboard')}</h1>
        <button type="button" className="button" onClick={load}>
          {pick('刷新', 'Refresh')}
        </button>
      </div>
      <ErrorMessage error={error} />
      {!data && !error && <p role="status">{pick('加载中…', 'Loading…')}</p>}
      {data && (
        <div className="dashboard" data-testid="dashboard">
          {data.snapshot ? (
            <>
              <p className="muted" data-testid="snapshot-time">
                {pick('在办案件统计时间：', 'Open cases as of ')}
                <time dateTime={data.snapshot.computedAt}>
                  {new Date(data.snapshot.computedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
                    timeZone: 'Asia/Shanghai',
                  })}
                </time>
              </p>
              <BarChart
                testId="chart-by-step"
                title={pick('各环节在办案件', 'Open cases by step')}
                labels={HumanStep.options.map(stepLabel)}
                series={[
                  {
                    label: pick('案件数', 'Cases'),
                    data: HumanStep.options.map((s) => data.snapshot?.byStep[s] ?? 0),
                  },
                ]}
              />
              <BarChart
                testId="chart-by-age"
                title={pick('在办案件时长（自然日）', 'Open cases by age (calendar days)')}
                labels={data.ageBuckets.map((b) => b.label)}
                series={[
                  {
                    label: pick('案件数', 'Cases'),
                    data: data.ageBuckets.map((b) => data.snapshot?.byAge[b.name] ?? 0),
                  },
                ]}
              />
              <BarChart
                testId="chart-overdue"
                title={pick('各核验点逾期案件', 'Overdue cases by office')}
                labels={[...OFFICES.map((o) => o.id), '—'].map(officeLabel)}
                series={[
                  {
                    label: pick('逾期', 'Overdue'),
                    data: [...OFFICES.map((o) => o.id), '—'].map(
                      (id) => data.snapshot?.overdueByOffice[id] ?? 0,
                    ),
                  },
                ]}
              />
            </>
          ) : (
            <p className="alert alert-info" data-testid="no-snapshot">
              {pick(
                '在办案件统计尚未生成：定时任务每 15 分钟运行一次。',
                'The open-case figures are not computed yet: the scheduled run comes every 15 minutes.',
              )}
            </p>
          )}
          <BarChart
            testId="chart-weekly"
            title={pick('每周新建与办结', 'Opened and closed per week')}
            labels={data.weekly.map((w) => w.week.slice(5))}
            series={[
              { label: pick('新建', 'Opened'), data: data.weekly.map((w) => w.opened) },
              { label: pick('办结', 'Closed'), data: data.weekly.map((w) => w.closed) },
            ]}
          />
          <BarChart
            testId="chart-lead-time"
            title={pick(`各环节用时分布（${days}）`, `Lead time per step (${days})`)}
            labels={data.leadTime.map((s) => stepLabel(s.step))}
            horizontal
            stacked
            series={data.leadTimeBuckets.map((b) => ({
              label: `${b.label} ${days}`,
              data: data.leadTime.map((s) => s.buckets[b.name] ?? 0),
            }))}
          />
          {data.returnReasons.length > 0 ? (
            <BarChart
              testId="chart-return-reasons"
              title={pick(
                `主要退回原因（自 ${data.returnReasonsSince} 起）`,
                `Top return reasons (since ${data.returnReasonsSince})`,
              )}
              labels={data.returnReasons.map((r) => reasonLabel(r.code))}
              horizontal
              series={[{ label: pick('次数', 'Returns'), data: data.returnReasons.map((r) => r.count) }]}
            />
          ) : (
            <p className="muted" data-testid="no-returns">
              {pick('近三个月没有退回的材料。', 'No document was returned in the last three months.')}
            </p>
          )}
        </div>
      )}
    </>
  );
}
