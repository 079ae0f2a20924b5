import { timingSafeEqual } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
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
  /** Message files found damaged at the start: kept as they are, not shown (names in the data dir). */
  damaged: readonly string[];
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
  /** Where the start reports damaged message files (default: stderr). */
  log?: (line: string) => void;
}

/** Constant-time comparison, so a wrong guess learns nothing from the timing. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The file of message number `n`: fixed-width, so that name order is arrival order. */
const messageFile = (n: number) => `${String(n).padStart(8, '0')}.json`;
const MESSAGE_FILE = /^(\d{8,})\.json$/;
/** The durable counter: the last number given to a message, kept beside them. */
const COUNTER_FILE = 'last-number.json';

/** The mailbox's files: the messages it could read, the ones it could not, the next free number. */
async function readMailbox(dataDir: string) {
  await mkdir(dataDir, { recursive: true });
  const messages: CapturedMail[] = [];
  const damaged: Array<{ file: string; why: string }> = [];
  let highest = 0;
  for (const file of (await readdir(dataDir)).filter((f) => MESSAGE_FILE.test(f)).sort()) {
    highest = Math.max(highest, Number(MESSAGE_FILE.exec(file)?.[1]));
    try {
      messages.push(JSON.parse(await readFile(join(dataDir, file), 'utf8')) as CapturedMail);
    } catch (error) {
      damaged.push({ file, why: error instanceof Error ? error.message : String(error) });
    }
  }
  let counted = 0;
  try {
    counted = (JSON.parse(await readFile(join(dataDir, COUNTER_FILE), 'utf8')) as { last: number }).last;
    if (!Number.isSafeInteger(counted) || counted < 0) throw new Error(`not a number: ${counted}`);
  } catch (error) {
    // First start, or a damaged counter: the highest file name still keeps numbers from repeating.
    counted = 0;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      damaged.push({ file: COUNTER_FILE, why: String(error) });
  }
  // The counter, not the count of readable files: a damaged or deleted message keeps its number.
  return { messages, damaged, last: Math.max(counted, highest) };
}

/**
 * A plain-SMTP server on loopback that accepts every message and keeps it, decoded, so a person
 * (the local mailbox page) or a test can read what the system sent. With `dataDir` each message is
 * also written as JSON, so the mailbox survives a restart of the local stack: numbered by a durable
 * counter, written whole or not at all, and never over another file, so a message the sender saw
 * accepted is never lost. A damaged file is reported once, when the mailbox starts, and left alone.
 */
export async function startMailCapture(options: MailCaptureOptions = {}): Promise<MailCapture> {
  const { dataDir } = options;
  const mailbox = dataDir ? await readMailbox(dataDir) : { messages: [], damaged: [], last: 0 };
  const messages: CapturedMail[] = mailbox.messages;
  if (dataDir && mailbox.damaged.length) {
    const log = options.log ?? ((line: string) => console.warn(line));
    log(
      `Mailbox: ${mailbox.damaged.length} damaged file(s) in ${dataDir}, kept as they are and not shown: ${mailbox.damaged
        .map((d) => `${d.file} (${d.why})`)
        .join('; ')}`,
    );
  }
  let sequence = mailbox.last;
  // Counter writes one after another, each writing the highest number given out by then.
  let counterWrites: Promise<void> = Promise.resolve();
  const persistCounter = (dir: string) => {
    counterWrites = counterWrites.then(async () => {
      const file = join(dir, COUNTER_FILE);
      await writeFile(`${file}.tmp`, JSON.stringify({ last: sequence }));
      await rename(`${file}.tmp`, file);
    });
    return counterWrites;
  };
  /** Writes `mail` under a fresh number: the counter first (a crash leaves a gap, never a reuse). */
  const persist = async (dir: string, mail: Omit<CapturedMail, 'id'>): Promise<CapturedMail> => {
    for (;;) {
      sequence += 1;
      const n = sequence;
      await persistCounter(dir);
      const stored: CapturedMail = {
        id: `${Date.now().toString(36)}-${String(n).padStart(6, '0')}`,
        ...mail,
      };
      const file = join(dir, messageFile(n));
      const tmp = `${file}.tmp`;
      await writeFile(tmp, JSON.stringify(stored));
      try {
        // A hard link is created whole and refuses an existing name, where a rename would replace it.
        await link(tmp, file);
        return stored;
      } catch (error) {
        // Taken (a file the counter did not know of): the next number, never the file.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        await unlink(tmp);
      }
    }
  };

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
          const received = {
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          };
          // Persist before acknowledging: a message the sender saw accepted is never lost.
          const mail = dataDir
            ? await persist(dataDir, received)
            : { id: `${Date.now().toString(36)}-${String(++sequence).padStart(6, '0')}`, ...received };
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
    damaged: mailbox.damaged.map((d) => d.file),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
