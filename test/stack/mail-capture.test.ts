/**
 * The local mailbox keeps every message across restarts: numbered by a durable counter, a damaged
 * file reported once at the start and never overwritten.
 */
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MailCapture, startMailCapture } from '#stack/mail-capture';
import { mailboxApp } from '#stack/mailbox-page';

let dir: string;
const open: MailCapture[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailbox-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((capture) => capture.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start() {
  const lines: string[] = [];
  const capture = await startMailCapture({ dataDir: dir, log: (line) => lines.push(line) });
  open.push(capture);
  return { capture, lines };
}

async function send(capture: MailCapture, subject: string) {
  const transport = createTransport({
    host: '127.0.0.1',
    port: capture.port,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: 'no-reply@example.cn',
    to: 'zhang.wei@example.cn',
    subject,
    text: subject,
  });
  transport.close();
}

async function stop(capture: MailCapture) {
  open.splice(open.indexOf(capture), 1);
  await capture.close();
}

const messageFiles = async () => (await readdir(dir)).filter((f) => /^\d{8}\.json$/.test(f)).sort();
const subjectOf = async (file: string) =>
  (JSON.parse(await readFile(join(dir, file), 'utf8')) as { subject: string }).subject;

describe('the local mailbox', () => {
  it('never overwrites a message after a damaged file: the next number comes from the counter, and the damage is reported once', async () => {
    const first = await start();
    for (const subject of ['one', 'two', 'three']) await send(first.capture, subject);
    await stop(first.capture);
    expect(await messageFiles()).toEqual(['00000001.json', '00000002.json', '00000003.json']);
    await writeFile(join(dir, '00000002.json'), '{"id": "half-writ');

    const second = await start();
    expect(second.lines).toHaveLength(1);
    expect(second.lines[0]).toContain('00000002.json');
    expect(second.capture.damaged).toEqual(['00000002.json']);
    expect(second.capture.messages().map((m) => m.subject)).toEqual(['one', 'three']);
    await send(second.capture, 'four');
    await send(second.capture, 'five');
    // Reported at the start only, not again for each message.
    expect(second.lines).toHaveLength(1);

    expect(await messageFiles()).toEqual([
      '00000001.json',
      '00000002.json',
      '00000003.json',
      '00000004.json',
      '00000005.json',
    ]);
    expect(await subjectOf('00000003.json')).toBe('three');
    expect(await readFile(join(dir, '00000002.json'), 'utf8')).toBe('{"id": "half-writ');
    expect(second.capture.messages().map((m) => m.subject)).toEqual(['one', 'three', 'four', 'five']);

    // The mailbox page says so too.
    const page = await (await mailboxApp(second.capture).request('/')).text();
    expect(page).toContain('00000002.json');
  });

  it('does not give a deleted message’s number to the next one', async () => {
    const first = await start();
    for (const subject of ['one', 'two']) await send(first.capture, subject);
    await stop(first.capture);
    await unlink(join(dir, '00000002.json'));

    const second = await start();
    expect(second.lines).toEqual([]);
    await send(second.capture, 'three');
    expect(await messageFiles()).toEqual(['00000001.json', '00000003.json']);
    expect(await subjectOf('00000003.json')).toBe('three');
  });

  it('skips a number whose file exists even when the counter is lost, rather than replace the file', async () => {
    const first = await start();
    for (const subject of ['one', 'two']) await send(first.capture, subject);
    await stop(first.capture);
    // A counter from an older copy of the directory, behind the files.
    await writeFile(join(dir, 'last-number.json'), JSON.stringify({ last: 0 }));

    const second = await start();
    await send(second.capture, 'three');
    expect(await messageFiles()).toEqual(['00000001.json', '00000002.json', '00000003.json']);
    expect(await subjectOf('00000001.json')).toBe('one');
    expect(await subjectOf('00000002.json')).toBe('two');
  });
});
