import { describe, expect, it } from 'vitest';
import { caseLookupValues, normaliseName, planSearch } from '#domain/case-search';

describe('planSearch: what a staff search text can mean', () => {
  it('reads a case id in any case as a case id only', () => {
    expect(planSearch(' c-01kjp4c580fzq2mjvfzd ')).toEqual({ caseId: 'C-01KJP4C580FZQ2MJVFZD' });
  });

  it('reads an ICP number with a site suffix as an ICP number', () => {
    expect(planSearch('京ICP备20260302号-1').icpNumber).toBe('京ICP备20260302号-1');
  });

  it('reads 18 characters with spaces as an ID or credit-code number, checksum or not', () => {
    expect(planSearch('9144 0300 7152 6726 xa').idNumber).toBe('9144030071526726XA');
    expect(planSearch('110105199001011013').idNumber).toBe('110105199001011013');
  });

  it('reduces a pasted URL to its host, and tries it without www. as well', () => {
    expect(planSearch('https://WWW.Example.cn/path?q=1').domains).toEqual(['www.example.cn', 'example.cn']);
  });

  it('turns an internationalised domain into its ASCII form', () => {
    expect(planSearch('例子.中国').domains).toEqual(['xn--fsqu00a.xn--fiqs8s']);
  });

  it('reads anything of two characters or more as a name prefix, and one character as nothing', () => {
    expect(planSearch('Zhang San').namePrefix).toBe('zhangsan');
    expect(planSearch('张')).toEqual({});
  });
});

describe('caseLookupValues', () => {
  it('gives each distinct domain once, lower case, and the normalised applicant name', () => {
    expect(
      caseLookupValues({
        domains: ['Example.com', 'example.com', 'shop.example.com'],
        application: { applicant: { name: 'ＺＨＡＮＧ Wei' } },
      }),
    ).toEqual({ domains: ['example.com', 'shop.example.com'], name: 'zhangwei' });
    expect(normaliseName('北京 兰亭')).toBe('北京兰亭');
  });
});
