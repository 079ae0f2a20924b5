import { type AddressInfo, createServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { composeMessage, encodeHeaderText } from '#adapters/email/mime-message';
import { smtpEmailSender } from '#adapters/email/smtp-email-sender';

const message = {
  from: 'ICP 备案服务 <beian@hosting.example>',
  to: 'li.na@example.cn',
  subject:
    '您的 ICP 备案申请 C-01JB7Q3M8ZK4X9TWRH2D 需要补充材料：请在 45 天内重新上传营业执照和身份证正反面',
  text: '李娜，您好：\n请重新上传材料。\nDear Li Na, please upload again.',
  html: '<p lang="zh-CN">李娜，您好</p>',
};

describe('MIME message', () => {
  it('encodes a long Chinese subject as words of at most 75 characters that decode to the subject', async () => {
    const encoded = encodeHeaderText(message.subject);
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    const parsed = await simpleParser(composeMessage(message));
    expect(parsed.subject).toBe(message.subject);
  });

  it('keeps a non-ASCII sender name and both alternatives intact', async () => {
    const parsed = await simpleParser(composeMessage(message));
    expect(parsed.from?.value[0]).toMatchObject({ name: 'ICP 备案服务', address: 'beian@hosting.example' });
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toContain('李娜，您好');
    expect(parsed.messageId).toMatch(/@hosting\.example>$/);
  });

  it('refuses an address with a line break, which would inject a header', () => {
    expect(() => composeMessage({ ...message, to: 'li.na@example.cn\r\nBcc: x@evil.example' })).toThrow(
      /line break/,
    );
  });

  it('keeps every line within the 998-character limit of RFC 5322', () => {
    const long = composeMessage({ ...message, text: '长'.repeat(5000), html: `<p>${'x'.repeat(5000)}</p>` });
    expect(Math.max(...long.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(998);
  });
});

describe('SMTP sender', () => {
  let server: SMTPServer | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function relay(options: ConstructorParameters<typeof SMTPServer>[0]): Promise<number> {
    const started = new SMTPServer({ disabledCommands: ['STARTTLS'], logger: false, ...options });
    server = started;
    await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
    return (started.server.address() as AddressInfo).port;
  }

  it('logs in with the relay credentials before sending', async () => {
    const logins: string[] = [];
    const port = await relay({
      allowInsecureAuth: true,
      onAuth(auth, _session, done) {
        logins.push(`${auth.username}:${auth.password}`);
        done(null, { user: auth.username });
      },
      onData(stream, _session, done) {
        stream.resume();
        stream.on('end', () => done());
      },
    });
    await smtpEmailSender({
      host: '127.0.0.1',
      port,
      secure: false,
      allowPlaintext: true,
      user: 'relay-user',
      password: 'relay-pass',
      from: message.from,
    }).send(message);
    expect(logins).toEqual(['relay-user:relay-pass']);
  });

  it('fails when the relay refuses the recipient, so the task is retried', async () => {
    const port = await relay({
      authOptional: true,
      onRcptTo(_address, _session, done) {
        done(Object.assign(new Error('Mailbox unavailable'), { responseCode: 450 }));
      },
    });
    const sender = smtpEmailSender({
      host: '127.0.0.1',
      port,
      secure: false,
      allowPlaintext: true,
      from: message.from,
    });
    await expect(sender.send(message)).rejects.toThrow(/Mailbox unavailable/);
  });

  it('fails with the connection error when the relay hangs up before its greeting', async () => {
    const silent = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const sender = smtpEmailSender({
      host: '127.0.0.1',
      port,
      secure: false,
      allowPlaintext: true,
      from: message.from,
    });
    await expect(sender.send(message)).rejects.toThrow(/connection closed/i);
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('refuses to send in plain text to a relay without STARTTLS unless told it is the local capture', async () => {
    const port = await relay({ authOptional: true });
    const sender = smtpEmailSender({ host: '127.0.0.1', port, secure: false, from: message.from });
    await expect(sender.send(message)).rejects.toThrow(/STARTTLS/i);
  });
});
