import { describe, expect, it } from 'vitest';
import { applicationSchema } from '#domain/application';
import { fromZodError } from '#domain/zod-errors';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { colon } from '../../console/src/punctuation.ts';

describe('English wording of errors and labels', () => {
  it('says "choose one of the options" in English without listing raw enum codes', () => {
    const input = {
      ...SAMPLE_APPLICATIONS.chineseIndividual,
      websites: [{ ...SAMPLE_APPLICATIONS.chineseIndividual.websites[0], contentCategories: ['ENTERPRISE'] }],
    };
    const result = applicationSchema().safeParse(input);
    expect(result.success).toBe(false);
    const issue = fromZodError(result.error as never, input).find((i) => i.code === 'INVALID_OPTION');
    expect(issue?.message).toBe('Choose one of the options offered.');
    expect(issue?.message).not.toMatch(/PERSONAL|CORPORATE|[A-Z]{4,}_/);
    expect(issue?.messageZh).toBe('请从给定选项中选择。');
  });

  it('puts a full-width colon after Chinese labels and an ASCII colon and space after English ones', () => {
    expect(colon('zh')).toBe('：');
    expect(colon('en')).toBe(': ');
  });
});
