import { describe, expect, it } from 'vitest';
import { auditDetailLines } from '../../console/src/audit-detail.ts';

describe('the audit trail in words', () => {
  it('labels each field and names documents and steps instead of raw JSON', () => {
    const detail = {
      step: 'REVIEW',
      after: { decision: 'RETURN', documents: ['DOMAIN_CERTIFICATE', 'SECURITY_COMMITMENT'] },
    };
    const en = auditDetailLines(detail, 'en');
    expect(en[0]).toEqual(['Step', 'Document review']);
    expect(en[1]?.[0]).toBe('Outcome');
    expect(en[1]?.[1]).toContain('Decision RETURN');
    expect(en[1]?.[1]).not.toContain('DOMAIN_CERTIFICATE');
    expect(en[1]?.[1]).not.toMatch(/[{}"]/);
    const zh = auditDetailLines(detail, 'zh');
    expect(zh[0]).toEqual(['环节', '材料审核']);
  });

  it('keeps fields it has no label for under their own key, so nothing recorded is hidden', () => {
    expect(auditDetailLines({ bureauReference: 'BJ-2026-1' }, 'en')).toEqual([
      ['bureauReference', 'BJ-2026-1'],
    ]);
  });
});
