import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '#domain/error-catalogue';
import { licencePrerequisiteReasons } from '#domain/licence-prerequisites';
import { bureauDueFor } from '#domain/sla';

const none = new Set<string>();

describe('commercial licence prerequisites', () => {
  it('accepts 50% foreign equity and three insured staff', () => {
    expect(
      licencePrerequisiteReasons({ foreignOwnershipPercent: 50, staffWithSocialInsurance: 3 }, none),
    ).toEqual([]);
  });

  it('refuses more than 50% foreign equity and fewer than three insured staff, naming each field in both languages', () => {
    const reasons = licencePrerequisiteReasons(
      { foreignOwnershipPercent: 51, staffWithSocialInsurance: 2 },
      none,
    );
    expect(reasons.map((r) => [r.code, r.field])).toEqual([
      ['FOREIGN_EQUITY_OVER_CAP', 'commercial.foreignOwnershipPercent'],
      ['INSURED_STAFF_TOO_FEW', 'commercial.staffWithSocialInsurance'],
    ]);
    expect(reasons[0]?.messageZh).toContain('51%');
    expect(ERROR_CATALOGUE.FOREIGN_EQUITY_OVER_CAP.status).toBe(422);
  });

  it('drops a reason accepted for the case', () => {
    const accepted = new Set(['FOREIGN_EQUITY_OVER_CAP']);
    expect(
      licencePrerequisiteReasons({ foreignOwnershipPercent: 100, staffWithSocialInsurance: 5 }, accepted),
    ).toEqual([]);
  });
});

describe('the bureau’s due date by case kind', () => {
  it('gives a commercial licence 60 calendar days (电信条例 art. 13) and a filing 20 working days', () => {
    expect(bureauDueFor('2026-03-02', 'BJ', 'COMMERCIAL')).toEqual({
      date: '2026-05-01',
      provisional: false,
    });
    expect(bureauDueFor('2026-03-02', 'BJ', 'GENERAL')).toEqual({ date: '2026-03-30', provisional: false });
  });
});
