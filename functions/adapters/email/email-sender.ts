/** One email, already rendered. Chinese first, English second, in both the text and the HTML part. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * The port every email goes through. SES v2 in global regions; SMTP in the China partition (no SES
 * there) and on the local stack, where an SMTP capture keeps every message.
 */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}
