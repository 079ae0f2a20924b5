import { describe, expect, it } from 'vitest';
import { CHINA_EXAMPLE_CONTEXT, readSettings } from '../../infra/settings.ts';

const fromContext = (context: Record<string, unknown>) =>
  readSettings({ tryGetContext: (key: string) => context[key] });

describe('SMTP settings', () => {
  it('defaults to port 465 with implicit TLS', () => {
    expect(fromContext({ partition: 'aws-cn', ...CHINA_EXAMPLE_CONTEXT })).toMatchObject({
      smtpPort: 465,
      smtpSecure: true,
    });
  });

  it('uses STARTTLS on any other port unless smtpSecure says otherwise', () => {
    expect(fromContext({ smtpPort: '587' })).toMatchObject({ smtpPort: 587, smtpSecure: false });
    expect(fromContext({ smtpPort: '2465', smtpSecure: 'true' })).toMatchObject({ smtpSecure: true });
    expect(fromContext({ smtpPort: 465, smtpSecure: false })).toMatchObject({ smtpSecure: false });
  });

  it('refuses a port or a TLS flag it cannot read', () => {
    expect(() => fromContext({ smtpPort: 'smtp' })).toThrow(/smtpPort/);
    expect(() => fromContext({ smtpSecure: 'yes' })).toThrow(/smtpSecure/);
  });
});

describe('console and API domains', () => {
  it('takes the console domain as the console origin when no origins are given', () => {
    expect(fromContext({ ...CHINA_EXAMPLE_CONTEXT, partition: 'aws-cn' }).consoleOrigins).toEqual([
      `https://${CHINA_EXAMPLE_CONTEXT.consoleDomain}`,
    ]);
    expect(
      fromContext({ ...CHINA_EXAMPLE_CONTEXT, partition: 'aws-cn', consoleOrigins: 'https://a.example.cn' })
        .consoleOrigins,
    ).toEqual(['https://a.example.cn']);
  });

  it('refuses an issuer that is not an https URL', () => {
    expect(() =>
      fromContext({ ...CHINA_EXAMPLE_CONTEXT, partition: 'aws-cn', oidcIssuer: 'http://idp.example.cn' }),
    ).toThrow(/oidcIssuer must be an https URL/);
  });

  it('refuses the IAM certificate of China in a global deployment', () => {
    expect(() => fromContext({ consoleDomain: 'c.example.com', consoleIamCertificateId: 'ASCA1' })).toThrow(
      /consoleIamCertificateId is for China/,
    );
  });
});
