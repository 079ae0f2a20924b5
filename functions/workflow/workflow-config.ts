import { z } from 'zod';
import { baseEnv } from '#config';

/** What the workflow's task functions need on top of the base environment. */
export const workflowEnv = baseEnv.extend({
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
export type WorkflowConfig = z.infer<typeof workflowEnv>;
