import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, organisationCodeCheckChar, validateCreditCode } from '#domain/credit-code';
import { residentIdCheckChar, validateResidentId } from '#domain/resident-id';

const TODAY = '2026-11-01';
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code);

describe('resident ID (GB 11643-1999)', () => {
  it('accepts the standard example 11010519491231002X and reads birth date, province and sex', () => {
    const r = validateResidentId('11010519491231002X', TODAY);
    expect(r).toEqual({
      ok: true,
      value: { normalised: '11010519491231002X', birthDate: '1949-12-31', province: 'BJ', sex: 'FEMALE' },
    });
  });

  it('computes the check character X for the standard example by the weighted sum (167 mod 11 = 2)', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });

  it('accepts the standard second example 440524188001010014 (born 1880, Guangdong)', () => {
    const r = validateResidentId('440524188001010014', TODAY);
    expect(r.ok && r.value.province).toBe('GD');
  });

  it('accepts a lowercase x and normalises it to X', () => {
    const r = validateResidentId('11010519491231002x', TODAY);
    expect(r.ok && r.value.normalised).toBe('11010519491231002X');
  });

  it('accepts full-width digits and spaces and normalises them', () => {
    const r = validateResidentId('１１０１０５ １９４９１２３１ ００２Ｘ', TODAY);
    expect(r.ok && r.value.normalised).toBe('11010519491231002X');
  });

  it('rejects a mutated check character as ID_NUMBER_CHECKSUM', () => {
    expect(code(validateResidentId('110105194912310021', TODAY))).toBe('ID_NUMBER_CHECKSUM');
  });

  it('rejects 17 or 19 characters and letters inside as ID_NUMBER_FORMAT', () => {
    expect(code(validateResidentId('11010519491231002', TODAY))).toBe('ID_NUMBER_FORMAT');
    expect(code(validateResidentId('11010519491231002X1', TODAY))).toBe('ID_NUMBER_FORMAT');
    expect(code(validateResidentId('1101051949123100X2', TODAY))).toBe('ID_NUMBER_FORMAT');
  });

  it('rejects a region prefix that is no province (89) or an implausible prefecture (00)', () => {
    const withRegion = (region: string) => {
      const first17 = `${region}19491231002`;
      return first17 + residentIdCheckChar(first17);
    };
    expect(code(validateResidentId(withRegion('890105'), TODAY))).toBe('ID_NUMBER_REGION');
    expect(code(validateResidentId(withRegion('110005'), TODAY))).toBe('ID_NUMBER_REGION');
    expect(code(validateResidentId(withRegion('110100'), TODAY))).toBe('ID_NUMBER_REGION');
  });

  it('accepts 29 February 2000 and rejects 29 February 1900 and 2023', () => {
    const born = (date: string) => {
      const first17 = `110105${date}002`;
      return first17 + residentIdCheckChar(first17);
    };
    expect(code(validateResidentId(born('20000229'), TODAY))).toBe('OK');
    expect(code(validateResidentId(born('19000229'), TODAY))).toBe('ID_NUMBER_BIRTH_DATE');
    expect(code(validateResidentId(born('20230229'), TODAY))).toBe('ID_NUMBER_BIRTH_DATE');
  });

  it('rejects a birth date after today', () => {
    const first17 = '11010520261102002';
    expect(code(validateResidentId(first17 + residentIdCheckChar(first17), TODAY))).toBe(
      'ID_NUMBER_BIRTH_DATE',
    );
  });

  it('property: any plausible 17 digits plus the computed check character validate', () => {
    const digits = (n: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.constantFrom('11', '31', '44', '51', '65'),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 99 }),
        fc.date({
          min: new Date('1901-01-01T00:00:00Z'),
          max: new Date('2026-10-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        digits(3),
        (province, prefecture, county, birth, sequence) => {
          const first17 = `${province}${String(prefecture).padStart(2, '0')}${String(county).padStart(2, '0')}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${sequence}`;
          expect(validateResidentId(first17 + residentIdCheckChar(first17), TODAY).ok).toBe(true);
        },
      ),
    );
  });

  it('property: changing any single digit of a valid number makes the checksum fail', () => {
    const valid = '11010519491231002X';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const digit = (Number(valid[position]) + delta) % 10;
        const mutated = valid.slice(0, position) + digit + valid.slice(position + 1);
        // Some mutations break the region or date first; none may pass.
        expect(validateResidentId(mutated, TODAY).ok).toBe(false);
      }),
    );
  });
});

describe('Unified Social Credit Code (GB 32100-2015)', () => {
  // Published codes, printed on the companies' business licences and public registries.
  const published = [
    '91350100M000100Y43', // the GB 32100 example
    '9144030071526726XG', // Shenzhen Tencent Computer Systems Co., Ltd.
    '914403001922038216', // Huawei Technologies Co., Ltd.
    '91330100799655058B', // Alibaba (China) Co., Ltd.
  ];

  it.each(published)('accepts the published code %s', (c) => {
    expect(code(validateCreditCode(c))).toBe('OK');
  });

  it('computes the GB 11714 check digit 4 of the organisation code M000100Y inside the example', () => {
    expect(organisationCodeCheckChar('M000100Y')).toBe('4');
  });

  it('computes the GB 32100 check character 3 of the example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('accepts lowercase and full-width input and normalises it', () => {
    const r = validateCreditCode('９１３５０１００ｍ０００１００ｙ４３');
    expect(r.ok && r.value.normalised).toBe('91350100M000100Y43');
  });

  it('reports a wrong final character as an overridable CREDIT_CODE_CHECKSUM', () => {
    const r = validateCreditCode('91350100M000100Y44');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CREDIT_CODE_CHECKSUM');
      expect(r.overridable).toBe(true);
    }
  });

  it('reports a broken organisation code with a valid overall checksum as CREDIT_CODE_ORG_CHECKSUM', () => {
    const first17 = '91350100M000100Y5'; // organisation check digit 5 instead of 4
    const r = validateCreditCode(first17 + creditCodeCheckChar(first17));
    expect(code(r)).toBe('CREDIT_CODE_ORG_CHECKSUM');
    expect(!r.ok && r.overridable).toBe(true);
  });

  it('rejects the letters I, O, S, V, Z and wrong lengths as CREDIT_CODE_FORMAT', () => {
    expect(code(validateCreditCode('91350100M000100O43'))).toBe('CREDIT_CODE_FORMAT');
    expect(code(validateCreditCode('91350100M000100Y4'))).toBe('CREDIT_CODE_FORMAT');
  });

  it('rejects a region that is no province as CREDIT_CODE_REGION', () => {
    const first17 = '91990100M000100Y4';
    expect(code(validateCreditCode(first17 + creditCodeCheckChar(first17)))).toBe('CREDIT_CODE_REGION');
  });

  it('property: any single-character substitution of a published code fails', () => {
    const valid = '9144030071526726XG';
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (position, shift) => {
        const c = charset[(charset.indexOf(valid[position] as string) + shift) % 31] as string;
        expect(validateCreditCode(valid.slice(0, position) + c + valid.slice(position + 1)).ok).toBe(false);
      }),
    );
  });
});
