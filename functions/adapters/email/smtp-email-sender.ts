import { createTransport } from 'nodemailer';
import type { EmailMessage, EmailSender } from './email-sender.ts';

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

/** Sends through an SMTP relay (the China partition's provider, or the local capture). */
export function smtpEmailSender(settings: SmtpSettings): EmailSender {
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure && !settings.allowPlaintext,
    ignoreTLS: settings.allowPlaintext === true,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
  });
  return {
    async send(message: EmailMessage) {
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
  };
}
