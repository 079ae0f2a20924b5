import { timingSafeEqual } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the capture received, decoded. */
export interface CapturedMail {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface MailCapture {
  port: number;
  /** Every message received so far, oldest first. */
  messages(): CapturedMail[];
  /** Messages to one address, oldest first. */
  inbox(address: string): CapturedMail[];
  close(): Promise<void>;
}

export interface MailCaptureOptions {
  port?: number;
  dataDir?: string;
  /**
   * Credentials the capture requires, as a provider's relay does: it then advertises AUTH PLAIN and
   * LOGIN, answers 530 to a MAIL FROM before authentication and 535 to wrong credentials. Without
   * it every client may send unauthenticated.
   */
  auth?: { username: string; password: string };
  /**
   * Implicit TLS (SMTPS, as a relay on port 465 speaks), with this key and certificate; the China
   * template's functions connect with SMTP_SECURE=true and verify the certificate.
   */
  tls?: { key: string; cert: string };
}

/** Constant-time comparison, so a wrong guess learns nothing from the timing. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A plain-SMTP server on loopback that accepts every message and keeps it, decoded, so a person
 * (the local mailbox page) or a test can read what the system sent. With `dataDir` each message is
 * also written as JSON, so the mailbox survives a restart of the local stack.
 */
export async function startMailCapture(options: MailCaptureOptions = {}): Promise<MailCapture> {
  const messages: CapturedMail[] = [];
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    const files = (await readdir(options.dataDir)).filter((f) => f.endsWith('.json')).sort();
    for (const file of files) {
      try {
        messages.push(JSON.parse(await readFile(join(options.dataDir, file), 'utf8')) as CapturedMail);
      } catch {
        // Written by hand or damaged: the mailbox shows the rest rather than refusing to start.
      }
    }
  }
  let sequence = messages.length;

  const { auth, tls } = options;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...(tls ? { secure: true, key: tls.key, cert: tls.cert } : {}),
    ...(auth
      ? {
          authOptional: false,
          authMethods: ['PLAIN', 'LOGIN'],
          // Loopback only: without TLS, credentials in the clear harm nobody here.
          allowInsecureAuth: !tls,
          onAuth(credentials, _session, callback) {
            const valid =
              sameSecret(credentials.username ?? '', auth.username) &&
              sameSecret(credentials.password ?? '', auth.password);
            if (!valid) return callback(new Error('Authentication credentials invalid'));
            callback(null, { user: credentials.username });
          },
        }
      : { authOptional: true }),
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          sequence += 1;
          const mail: CapturedMail = {
            id: `${Date.now().toString(36)}-${String(sequence).padStart(6, '0')}`,
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          };
          // Persist before acknowledging: a message the sender saw accepted is never lost.
          if (options.dataDir) {
            // Written whole or not at all: a crash mid-write leaves no half file behind.
            const file = join(options.dataDir, `${String(sequence).padStart(8, '0')}.json`);
            await writeFile(`${file}.tmp`, JSON.stringify(mail));
            await rename(`${file}.tmp`, file);
          }
          messages.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    messages: () => [...messages],
    inbox: (address) => messages.filter((m) => m.to.includes(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
