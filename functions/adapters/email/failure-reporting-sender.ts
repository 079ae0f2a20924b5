import { publishEmailFailed } from '../cloudwatch-metrics.ts';
import type { EmailMessage, EmailSender } from './email-sender.ts';

/**
 * Wraps a transport (SES or SMTP, as built by ./email-from-config.ts, the one place both come from)
 * so every failed send publishes the EmailsFailed metric, then fails exactly as before: the error is
 * rethrown unchanged, and the caller (the outbox sender) records the attempt and schedules the next.
 */
export function reportingFailures(sender: EmailSender, report: () => void = publishEmailFailed): EmailSender {
  return {
    async send(message: EmailMessage) {
      try {
        await sender.send(message);
      } catch (error) {
        try {
          report();
        } catch {
          // A metric that cannot be written must never replace the transport's error.
        }
        throw error;
      }
    },
  };
}
