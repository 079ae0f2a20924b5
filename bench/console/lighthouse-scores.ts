/** The figures `npm run bench:console` prints from a Lighthouse result, and their table. */
import type { Result } from 'lighthouse';

export interface PageScores {
  page: string;
  lighthouseVersion: string;
  performance: number | undefined;
  accessibility: number | undefined;
  bestPractices: number | undefined;
  fcpMs: number | undefined;
  lcpMs: number | undefined;
  tbtMs: number | undefined;
  speedIndexMs: number | undefined;
  cls: number | undefined;
  /** The audits of a category under 100 that cost points, to say what to fix. */
  failing: string[];
}

const score = (lhr: Result, category: string) => {
  const value = lhr.categories[category]?.score;
  return value === null || value === undefined ? undefined : Math.round(value * 100);
};

export function scoresOf(page: string, lhr: Result): PageScores {
  const failing = ['accessibility', 'best-practices']
    .flatMap((category) => lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
    .map((ref) => ref.id);
  return {
    page,
    lighthouseVersion: lhr.lighthouseVersion,
    performance: score(lhr, 'performance'),
    accessibility: score(lhr, 'accessibility'),
    bestPractices: score(lhr, 'best-practices'),
    fcpMs: lhr.audits['first-contentful-paint']?.numericValue,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue,
    speedIndexMs: lhr.audits['speed-index']?.numericValue,
    cls: lhr.audits['cumulative-layout-shift']?.numericValue,
    failing,
  };
}

const seconds = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);
const num = (n: number | undefined) => (n === undefined ? '–' : String(n));

export function scoresTable(rows: PageScores[]): string {
  const lines = [
    'page              performance  accessibility  best practices  FCP      LCP      TBT      SI       CLS',
  ];
  for (const r of rows) {
    lines.push(
      `${r.page.padEnd(17)} ${num(r.performance).padEnd(12)} ${num(r.accessibility).padEnd(14)} ${num(r.bestPractices).padEnd(15)} ${seconds(r.fcpMs).padEnd(8)} ${seconds(r.lcpMs).padEnd(8)} ${`${Math.round(r.tbtMs ?? 0)} ms`.padEnd(8)} ${seconds(r.speedIndexMs).padEnd(8)} ${(r.cls ?? 0).toFixed(3)}`,
    );
    if (r.failing.length > 0) lines.push(`                  to fix: ${r.failing.join(', ')}`);
  }
  return lines.join('\n');
}
