/**
 * An SES v2 stand-in for SendEmail (`POST /v2/email/outbound-emails`, REST-JSON): the message,
 * Simple or Raw (base64 MIME), goes to the local SMTP capture over SMTP with nodemailer, envelope
 * sender and recipients as the request gives them. A From address outside the templates' verified
 * identities (`AWS::SES::EmailIdentity`: domains, whose subdomains may send too, or addresses) is
 * refused with SES's MessageRejected, as an unverified sender is in AWS.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createTransport, type SendMailOptions } from 'nodemailer';
import { sendingIdentityOf, sesSendEmailEnvelope } from '../iam/aws-request-actions.ts';
import { type AwsScope, type ResolvedTemplate, resourcesOfType } from '../iam/resolved-template.ts';
import { type LocalServiceHandler, parseJsonBody, restJsonError, restJsonResponse } from './local-service.ts';

export interface SesStandInOptions extends AwsScope {
  templates: readonly ResolvedTemplate[];
  /** The SMTP server that receives what SES would deliver (the local mail capture). */
  smtp: { host?: string; port: number; auth?: { username: string; password: string } };
}

export interface SesStandIn {
  handle: LocalServiceHandler;
  /** The verified identities (domains and addresses), lower-case. */
  identities: readonly string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const dataOf = (value: unknown): string | undefined =>
  isRecord(value) && typeof value.Data === 'string' ? value.Data : undefined;

/** An SES-shaped message id (`0100…-<uuid>-000000`). */
const newMessageId = () => `0100${randomBytes(6).toString('hex')}-${randomUUID()}-000000`;

export function createSesStandIn(options: SesStandInOptions): SesStandIn {
  const identities = resourcesOfType(options.templates, 'AWS::SES::EmailIdentity')
    .map(({ resource }) => resource.Properties?.EmailIdentity)
    .filter((identity): identity is string => typeof identity === 'string')
    .map((identity) => identity.toLowerCase());

  const deliver = async (mail: SendMailOptions) => {
    const transport = createTransport({
      host: options.smtp.host ?? '127.0.0.1',
      port: options.smtp.port,
      secure: false,
      ignoreTLS: true,
      ...(options.smtp.auth
        ? { auth: { user: options.smtp.auth.username, pass: options.smtp.auth.password } }
        : {}),
    });
    try {
      await transport.sendMail(mail);
    } finally {
      transport.close();
    }
  };

  const sendEmail = async (input: Record<string, unknown>) => {
    const content = isRecord(input.Content) ? input.Content : {};
    if (content.Template !== undefined)
      return restJsonError(
        400,
        'BadRequestException',
        'Template content is not supported by the local SES stand-in',
      );
    const raw = isRecord(content.Raw) ? dataOf(content.Raw) : undefined;
    const simple = isRecord(content.Simple) ? content.Simple : undefined;
    if (!raw && !simple)
      return restJsonError(
        400,
        'BadRequestException',
        'Content must contain exactly one of Simple, Raw or Template',
      );

    const { from, recipients } = sesSendEmailEnvelope(input);
    if (!from)
      return restJsonError(400, 'BadRequestException', 'Missing required parameter: FromEmailAddress');
    if (recipients.length === 0)
      return restJsonError(400, 'BadRequestException', 'The message must have at least one recipient');
    if (!sendingIdentityOf(from, identities))
      return restJsonError(
        400,
        'MessageRejected',
        `Email address is not verified. The following identities failed the check in region ${options.region.toUpperCase()}: ${from}`,
      );

    const messageId = newMessageId();
    const envelope = { from, to: recipients };
    try {
      if (raw) {
        await deliver({ envelope, raw: Buffer.from(raw, 'base64') });
      } else if (simple) {
        const body = isRecord(simple.Body) ? simple.Body : {};
        const destination = isRecord(input.Destination) ? input.Destination : {};
        const headers = Array.isArray(simple.Headers)
          ? (simple.Headers as { Name?: string; Value?: string }[])
              .filter((h) => h.Name && h.Value !== undefined)
              .map((h) => ({ key: String(h.Name), value: String(h.Value) }))
          : [];
        await deliver({
          envelope,
          from: String(input.FromEmailAddress),
          to: destination.ToAddresses as string[] | undefined,
          cc: destination.CcAddresses as string[] | undefined,
          replyTo: input.ReplyToAddresses as string[] | undefined,
          subject: dataOf(simple.Subject) ?? '',
          ...(dataOf(body.Text) !== undefined ? { text: dataOf(body.Text) } : {}),
          ...(dataOf(body.Html) !== undefined ? { html: dataOf(body.Html) } : {}),
          headers,
          messageId: `<${messageId}@${options.region}.amazonses.com>`,
        });
      }
    } catch (error) {
      // SES would have accepted and delivered later; locally the capture is down, which the
      // caller should see rather than lose the message.
      return restJsonError(
        500,
        'InternalFailure',
        `The local SES could not hand the message to the mail capture: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return restJsonResponse(200, { MessageId: messageId });
  };

  const handle: LocalServiceHandler = async (request) => {
    const path = request.url.pathname.replace(/\/+$/, '');
    if (request.method !== 'POST' || path !== '/v2/email/outbound-emails')
      return restJsonError(
        404,
        'NotFoundException',
        `${request.method} ${path} is not served by the local SES (only SendEmail)`,
      );
    const input = parseJsonBody(request.body);
    if (!isRecord(input))
      return restJsonError(400, 'SerializationException', 'The request body is not a JSON object');
    return sendEmail(input);
  };

  return { handle, identities };
}
