import { describe, expect, it } from 'vitest';
import { readSettings } from '../../infra/settings.ts';

const fromContext = (context: Record<string, unknown>) =>
  readSettings({ tryGetContext: (key: string) => context[key] });

describe('SMTP settings', () => {
  it('defaults to port 465 with implicit TLS', () => {
    expect(fromContext({ partition: 'aws-cn' })).toMatchObject({ smtpPort: 465, smtpSecure: true });
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
