import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpEmailSender } from '#adapters/email/smtp-email-sender';
import { renderEmail } from '#adapters/email/templates';
import { startMailCapture } from '#stack/mail-capture';

describe('SMTP sender and the local mail capture', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mail-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers a bilingual message that is decoded intact and survives a restart of the capture', async () => {
    const capture = await startMailCapture({ dataDir });
    const sender = smtpEmailSender({
      host: '127.0.0.1',
      port: capture.port,
      secure: false,
      allowPlaintext: true,
      from: 'ICP 备案 <beian@hosting.example>',
    });
    const message = renderEmail('withdrawn', 'Li.Na@Example.cn', {
      caseId: 'C-1',
      applicantName: '李娜',
      caseUrl: 'http://localhost/cases/C-1',
    });
    await sender.send(message);
    const [received] = capture.inbox('li.na@example.cn');
    expect(received?.subject).toBe(message.subject);
    expect(received?.text).toContain('李娜，您好');
    expect(received?.html).toContain('lang="zh-CN"');
    await capture.close();

    const reopened = await startMailCapture({ dataDir });
    expect(reopened.inbox('li.na@example.cn').map((m) => m.subject)).toEqual([message.subject]);
    await reopened.close();
  });

  it('starts with the readable messages when a stored one is damaged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mail-damaged-'));
    const capture = await startMailCapture({ dataDir: dir });
    await smtpEmailSender({
      host: '127.0.0.1',
      port: capture.port,
      secure: false,
      allowPlaintext: true,
      from: 'a@b.cn',
    }).send(
      renderEmail('expired', 'x@example.cn', { caseId: 'C-2', applicantName: '王', caseUrl: 'http://l/c' }),
    );
    await capture.close();
    await writeFile(join(dir, '99999999.json'), '{"id": "half-writ');
    const reopened = await startMailCapture({ dataDir: dir });
    expect(reopened.messages()).toHaveLength(1);
    await reopened.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('with credentials set, delivers for an authenticated sender and refuses others as a relay does', async () => {
    const capture = await startMailCapture({ auth: { username: 'relay-user', password: 's3cret' } });
    const sender = (user?: string, password?: string) =>
      smtpEmailSender({
        host: '127.0.0.1',
        port: capture.port,
        secure: false,
        allowPlaintext: true,
        from: 'beian@hosting.example',
        ...(user ? { user, password } : {}),
      });
    const message = renderEmail('expired', 'z@example.cn', {
      caseId: 'C-3',
      applicantName: '张',
      caseUrl: 'http://l/c',
    });
    await sender('relay-user', 's3cret').send(message);
    expect(capture.inbox('z@example.cn')).toHaveLength(1);

    await expect(sender().send(message)).rejects.toMatchObject({ responseCode: 530 });
    await expect(sender('relay-user', 'wrong').send(message)).rejects.toMatchObject({ responseCode: 535 });
    expect(capture.messages()).toHaveLength(1);
    await capture.close();
  });
});
