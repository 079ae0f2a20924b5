import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesEmailSender } from '#adapters/email/ses-email-sender';
import { renderEmail } from '#adapters/email/templates';
import { serveLocalService } from '#stack/aws/local-service';
import { createSesStandIn } from '#stack/aws/ses';
import { type MailCapture, startMailCapture } from '#stack/mail-capture';
import { ACCOUNT_ID, loadResolvedTemplates } from './iam-resolved-templates.ts';

describe('the SES v2 stand-in', () => {
  let capture: MailCapture;
  let server: Awaited<ReturnType<typeof serveLocalService>>;
  let client: SESv2Client;
  const auth = { username: 'ses-smtp', password: 'local-pass' };

  beforeAll(async () => {
    capture = await startMailCapture({ auth });
    const templates = [loadResolvedTemplates('aws').stateless];
    const ses = createSesStandIn({
      templates,
      partition: 'aws',
      region: 'ap-southeast-1',
      accountId: ACCOUNT_ID,
      smtp: { port: capture.port, auth },
    });
    expect(ses.identities).toContain('icp.example.com');
    server = await serveLocalService(ses.handle);
    client = new SESv2Client({
      endpoint: server.url,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
    await capture.close();
  });

  it('delivers the project’s Simple-content email to the capture inbox, decoded intact', async () => {
    const message = renderEmail('withdrawn', 'Li.Na@Example.cn', {
      caseId: 'C-9',
      applicantName: '李娜',
      caseUrl: 'http://localhost/cases/C-9',
    });
    await sesEmailSender({ from: 'ICP 备案 <no-reply@icp.example.com>', client }).send(message);
    const [received] = capture.inbox('li.na@example.cn');
    expect(received?.from).toBe('no-reply@icp.example.com');
    expect(received?.subject).toBe(message.subject);
    expect(received?.text).toContain('李娜，您好');
    expect(received?.html).toContain('lang="zh-CN"');
  });

  it('delivers Raw MIME content as given, to every destination', async () => {
    const raw = [
      'From: no-reply@mail.icp.example.com',
      'To: a@example.cn',
      'Subject: Raw hello',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'raw body',
      '',
    ].join('\r\n');
    const result = await client.send(
      new SendEmailCommand({
        Destination: { ToAddresses: ['a@example.cn'], BccAddresses: ['b@example.cn'] },
        Content: { Raw: { Data: Buffer.from(raw) } },
      }),
    );
    expect(result.MessageId).toMatch(/^0100[0-9a-f]{12}-[0-9a-f-]{36}-000000$/);
    expect(capture.inbox('a@example.cn').map((m) => m.subject)).toEqual(['Raw hello']);
    expect(capture.inbox('b@example.cn')[0]?.text.trim()).toBe('raw body');
  });

  it('rejects a From address outside the verified identities with MessageRejected, delivering nothing', async () => {
    const before = capture.messages().length;
    const send = client.send(
      new SendEmailCommand({
        FromEmailAddress: 'someone@elsewhere.example',
        Destination: { ToAddresses: ['c@example.cn'] },
        Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
      }),
    );
    await expect(send).rejects.toBeInstanceOf(MessageRejected);
    await expect(send).rejects.toThrow(
      'Email address is not verified. The following identities failed the check in region AP-SOUTHEAST-1: someone@elsewhere.example',
    );
    expect(capture.messages()).toHaveLength(before);
  });
});
