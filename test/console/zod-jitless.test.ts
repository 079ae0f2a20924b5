import { describe, expect, it } from 'vitest';

describe('the console configures zod before loading it', () => {
  it('zod loaded after console/src/zod-jitless.ts runs jitless (no new Function probe)', async () => {
    await import('../../console/src/zod-jitless.ts');
    const z = await import('zod');
    expect(z.config().jitless).toBe(true);
  });
});
