import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/build-app.ts';
import { bundleBudgetBytes, measureBundle } from '../../infra/bundle-size.ts';
import { DEFAULT_BUNDLE_BUDGET_KB, HANDLERS } from '../../infra/handlers.ts';

describe.each(['aws', 'aws-cn'] as const)('Lambda bundles in partition %s', (partition) => {
  it.each(HANDLERS.map((spec) => [spec.entry, spec] as const))(
    '%s stays within its bundle budget',
    async (_entry, spec) => {
      const { bytes } = await measureBundle(PROJECT_ROOT, spec, partition);
      expect(bytes).toBeLessThanOrEqual(bundleBudgetBytes(spec));
    },
    60_000,
  );
});

describe('bundle budgets', () => {
  it('are raised only with a reason', () => {
    for (const spec of HANDLERS.filter((s) => s.bundleBudget)) {
      expect(spec.bundleBudget?.kb).toBeGreaterThan(DEFAULT_BUNDLE_BUDGET_KB);
      expect(spec.bundleBudget?.reason.length).toBeGreaterThan(40);
    }
  });
});
