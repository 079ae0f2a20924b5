import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { writeDashboardSnapshot } from '#workflow/dashboard-snapshot';
import { cspViolations, type E2eEnvironment, screenshot, signedIn, startE2e } from './browser.ts';

/** The sample company with its credit code's check character mistyped (…2C is the valid code). */
const mistyped = {
  ...SAMPLE_APPLICATIONS.chineseBusiness,
  applicant: { ...SAMPLE_APPLICATIONS.chineseBusiness.applicant, creditCode: '91310115MA1K4Q2B2D' },
  websites: [{ ...SAMPLE_APPLICATIONS.chineseBusiness.websites[0], domains: ['lanting-typo.cn'] }],
};

describe('staff find cases, and a supervisor works the override queue and the dashboard', () => {
  let env: E2eEnvironment;
  let individualCase: string;
  let draftCase: string;
  beforeAll(async () => {
    env = await startE2e();
    const zhang = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-zhang-wei'));
    individualCase = (
      await zhang<{ caseId: string }>('POST', '/cases', SAMPLE_APPLICATIONS.chineseIndividual)
    ).caseId;
    const lanting = apiAs(env.stack.consoleConfig, await env.stack.tokenFor('applicant-lanting-tech'));
    const draft = await lanting<{ caseId: string; pendingOverrides?: string[] }>('POST', '/cases', mistyped);
    expect(draft.pendingOverrides).toEqual(['CREDIT_CODE_CHECKSUM']);
    draftCase = draft.caseId;
  }, 300_000);
  afterAll(async () => {
    await env?.close();
  });

  it('an officer finds a case by its domain and opens it', async () => {
    const officer = await signedIn(env, 'officer-wang-fang');
    await officer.getByTestId('nav-staff-cases').click();
    await officer.getByTestId('cases-table').waitFor();
    await officer.getByTestId('case-search').fill('https://www.zhangwei-photo.cn/');
    await officer.getByTestId('case-search-submit').click();
    const row = officer.getByTestId(`case-row-${individualCase}`);
    await row.waitFor();
    expect(await row.getByTestId('matched-by').textContent()).toBe('域名');
    await screenshot(officer, 'officer-search-by-domain');
    await row.getByTestId('case-link').click();
    await officer.waitForURL(`**/#/officer/cases/${individualCase}`);
    // No override queue or dashboard for an officer.
    expect(await officer.getByTestId('nav-overrides').count()).toBe(0);
    expect(cspViolations(officer)).toEqual([]);
  });

  it('a supervisor finds the draft by its pending override, with the check in words', async () => {
    const supervisor = await signedIn(env, 'supervisor-liu-yang');
    await supervisor.getByTestId('nav-overrides').click();
    const row = supervisor.getByTestId(`case-row-${draftCase}`);
    await row.waitFor();
    const checks = row.getByTestId('pending-overrides');
    expect(await checks.locator('li').getAttribute('data-code')).toBe('CREDIT_CODE_CHECKSUM');
    expect(await checks.textContent()).toContain('统一社会信用代码校验位不正确');
    await screenshot(supervisor, 'supervisor-override-queue');
    await row.getByTestId('case-link').click();
    await supervisor.waitForURL(`**/#/officer/cases/${draftCase}`);
    expect(cspViolations(supervisor)).toEqual([]);
  });

  it('a supervisor opens the dashboard and its charts are drawn', async () => {
    // What the queue-metrics schedule does every 15 minutes (functions/handlers/schedule/queue-metrics.ts).
    await writeDashboardSnapshot({ store: env.stack.store, now: () => new Date() });
    const supervisor = await signedIn(env, 'supervisor-liu-yang');
    await supervisor.getByTestId('nav-dashboard').click();
    await supervisor.getByTestId('dashboard').waitFor();
    for (const chart of [
      'chart-by-step',
      'chart-by-age',
      'chart-overdue',
      'chart-weekly',
      'chart-lead-time',
    ]) {
      const canvas = supervisor.getByTestId(chart).locator('canvas');
      await canvas.waitFor();
      // Drawn: Chart.js sized the canvas and painted pixels that are not all transparent.
      const painted = await canvas.evaluate((element) => {
        const c = element as HTMLCanvasElement;
        const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
        return c.width > 0 && c.height > 0 && Array.prototype.some.call(pixels, (v: number) => v !== 0);
      });
      expect(painted, chart).toBe(true);
    }
    // This week's two new cases, in the figures under the weekly chart.
    const weekly = await supervisor.getByTestId('chart-weekly').locator('tbody tr').last().textContent();
    expect(weekly).toMatch(/2/);
    await screenshot(supervisor, 'supervisor-dashboard');
    expect(cspViolations(supervisor)).toEqual([]);
    expect(env.stack.accessDenials()).toEqual([]);
  });
});
