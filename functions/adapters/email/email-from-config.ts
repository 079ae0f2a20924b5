import * as z from 'zod';
import type { EmailSender } from './email-sender.ts';
import { reportingFailures } from './failure-reporting-sender.ts';

/**
 * The keys of the SMTP secret's JSON, the only ones read. The stateful stack generates its
 * placeholder from these (docs/deploy.md names them for the operator), so the two cannot drift.
 */
export const SMTP_SECRET_USERNAME_KEY = 'username';
export const SMTP_SECRET_PASSWORD_KEY = 'password';

const smtpSecret = z.object({
  [SMTP_SECRET_USERNAME_KEY]: z.string().min(1),
  [SMTP_SECRET_PASSWORD_KEY]: z.string().min(1),
});

/** The email settings of every function that sends mail (merge into its environment schema). */
export const emailEnv = z.object({
  AWS_REGION: z.string().min(1).default('cn-north-1'),
  /** The applicant portal, for links in emails. */
  PORTAL_URL: z.url().default('http://localhost:8080'),
  /** SES v2 in global regions; SMTP in the China partition and on the local stack. */
  EMAIL_TRANSPORT: z.enum(['ses', 'smtp']).default('smtp'),
  EMAIL_FROM: z.string().min(3).default('ICP 备案 <beian@hosting.example>'),
  SES_CONFIGURATION_SET: z.string().optional(),
  SMTP_HOST: z.string().default('127.0.0.1'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** `true` for implicit TLS (465); otherwise STARTTLS is required unless SMTP_ALLOW_PLAINTEXT. */
  SMTP_SECURE: z.stringbool().default(false),
  /** Only the local capture speaks plain SMTP. */
  SMTP_ALLOW_PLAINTEXT: z.stringbool().default(false),
  /** Secrets Manager secret with `{ "username", "password" }` for the SMTP relay (China partition). */
  SMTP_SECRET_ARN: z.string().optional(),
});
export type EmailConfig = z.infer<typeof emailEnv>;

/**
 * The sender the configuration asks for; SMTP credentials are read from Secrets Manager once. The
 * transports are imported lazily so each partition's bundle leaves out the one it never uses. Every
 * function builds its sender here, so this is where failed sends are counted (EmailsFailed).
 */
export async function emailSenderFromConfig(config: EmailConfig): Promise<EmailSender> {
  return reportingFailures(await transportFromConfig(config));
}

async function transportFromConfig(config: EmailConfig): Promise<EmailSender> {
  if (config.EMAIL_TRANSPORT === 'ses') {
    const { sesEmailSender } = await import('./ses-email-sender.ts');
    return sesEmailSender({
      from: config.EMAIL_FROM,
      ...(config.SES_CONFIGURATION_SET ? { configurationSet: config.SES_CONFIGURATION_SET } : {}),
    });
  }
  const { smtpEmailSender } = await import('./smtp-email-sender.ts');
  let credentials: { user: string; password: string } | undefined;
  if (config.SMTP_SECRET_ARN) {
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const secret = await new SecretsManagerClient({ region: config.AWS_REGION }).send(
      new GetSecretValueCommand({ SecretId: config.SMTP_SECRET_ARN }),
    );
    credentials = readSmtpSecret(secret.SecretString);
  }
  return smtpEmailSender({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    allowPlaintext: config.SMTP_ALLOW_PLAINTEXT,
    from: config.EMAIL_FROM,
    ...credentials,
  });
}

/**
 * The relay's credentials from the secret's JSON. A secret without them is a deployment error:
 * sending unauthenticated instead would only fail later, at the relay, with a vaguer message.
 * The message names the keys, never the values.
 */
function readSmtpSecret(secretString: string | undefined): { user: string; password: string } {
  let json: unknown;
  try {
    json = JSON.parse(secretString ?? '');
  } catch {
    json = undefined;
  }
  const parsed = smtpSecret.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `The SMTP secret (SMTP_SECRET_ARN) must be JSON with non-empty "${SMTP_SECRET_USERNAME_KEY}" and "${SMTP_SECRET_PASSWORD_KEY}" (docs/deploy.md)`,
    );
  }
  return { user: parsed.data[SMTP_SECRET_USERNAME_KEY], password: parsed.data[SMTP_SECRET_PASSWORD_KEY] };
}
