import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { EmailMessage, EmailSender } from './email-sender.ts';
import { composeMessage, mailboxAddress } from './mime-message.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465). When false, STARTTLS is still required unless `allowPlaintext`. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Only the local capture server speaks plain SMTP; real providers must use TLS. */
  allowPlaintext?: boolean;
}

/**
 * Sends through an SMTP relay (the China partition's provider, or the local capture): one connection
 * per message, on nodemailer's SMTP client (TLS, STARTTLS, AUTH), with the message composed in
 * ./mime-message.ts. Timeouts stay well inside the sender's Lambda timeout, so a relay that hangs fails
 * the attempt and the outbox sender tries again later.
 */
export function smtpEmailSender(settings: SmtpSettings): EmailSender {
  return {
    send(message: EmailMessage) {
      const raw = composeMessage({ from: settings.from, ...message });
      const envelope = { from: mailboxAddress(settings.from), to: [mailboxAddress(message.to)] };
      return new Promise<void>((resolve, reject) => {
        const connection = new SMTPConnection({
          host: settings.host,
          port: settings.port,
          secure: settings.secure,
          requireTLS: !settings.secure && !settings.allowPlaintext,
          ignoreTLS: settings.allowPlaintext === true,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        });
        let settled = false;
        const fail = (error: Error) => {
          if (settled) return;
          settled = true;
          connection.close();
          reject(error);
        };
        const deliver = () =>
          connection.send(envelope, raw, (error) => {
            if (error) return fail(error);
            settled = true;
            connection.quit();
            resolve();
          });
        connection.once('error', fail);
        connection.once('end', () => fail(new Error('The SMTP relay closed the connection')));
        connection.connect((error?: Error) => {
          if (error) return fail(error);
          if (!settings.user) return deliver();
          connection.login({ user: settings.user, pass: settings.password ?? '' }, (error) =>
            error ? fail(error) : deliver(),
          );
        });
      });
    },
  };
}
