/**
 * The one shape of message this system sends, as RFC 5322 / MIME text: a bilingual notification with
 * a plain-text and an HTML alternative, UTF-8 throughout, no attachments.
 *
 * Written out here rather than with nodemailer's MailComposer: its MIME layer always loads a 74 KB
 * table of file-type names (for attachments we never send), which is what kept every China-partition
 * email task over its 500 KB bundle budget. Bodies are base64 (any UTF-8, no line-length limits to
 * watch), non-ASCII header text is RFC 2047 encoded words.
 */
import { randomUUID } from 'node:crypto';

export interface MimeMessage {
  /** `address` or `Display Name <address>`; a non-ASCII display name is encoded. */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

const CRLF = '\r\n';

/** The bare address of `Name <address>` or `address`. */
export function mailboxAddress(mailbox: string): string {
  return /<([^<>]+)>\s*$/.exec(mailbox)?.[1]?.trim() ?? mailbox.trim();
}

/**
 * RFC 2047 "B" encoded words for a header value with non-ASCII text. Each word holds whole
 * characters (never half a UTF-8 sequence) and stays within the 75-character limit; words are folded
 * onto continuation lines.
 */
export function encodeHeaderText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    // 45 bytes of UTF-8 → 60 base64 characters → 72 with `=?UTF-8?B?` and `?=`.
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join(`${CRLF} `);
}

/** A mailbox header value with its display name encoded when needed. */
function encodeMailbox(mailbox: string): string {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(mailbox);
  if (!match?.[1]) return mailboxAddress(mailbox);
  const name = match[1].replace(/^"(.*)"$/, '$1');
  const shown = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : encodeHeaderText(name);
  return `${shown} <${match[2]}>`;
}

/** Base64 in lines of 76 characters (RFC 2045). */
const base64Lines = (text: string) =>
  (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join(CRLF);

/** RFC 5322 date in UTC: `Sat, 28 Nov 2026 14:20:00 +0000`. */
const rfc5322Date = (date: Date) => date.toUTCString().replace(/GMT$/, '+0000');

/** The whole message, headers and body, with CRLF line ends as SMTP's DATA expects. */
export function composeMessage(message: MimeMessage, now = new Date()): string {
  // Addresses are written as given (only a display name is encoded): a line break would start a header.
  for (const mailbox of [message.from, message.to]) {
    if (/[\r\n]/.test(mailbox)) throw new Error('An email address contains a line break');
  }
  const boundary = `=_icp_${randomUUID()}`;
  const fromDomain = mailboxAddress(message.from).split('@')[1] ?? 'localhost';
  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=utf-8`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(body),
    ].join(CRLF);
  return [
    `From: ${encodeMailbox(message.from)}`,
    `To: ${encodeMailbox(message.to)}`,
    `Subject: ${encodeHeaderText(message.subject)}`,
    `Date: ${rfc5322Date(now)}`,
    `Message-ID: <${randomUUID()}@${fromDomain}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    part('text/plain', message.text),
    part('text/html', message.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}
