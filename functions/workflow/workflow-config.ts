import * as z from 'zod';
import { emailEnv } from '#adapters/email/email-from-config';
import { baseEnv } from '#config';

/**
 * What the workflow's task functions need: the base environment, the portal's address for the
 * links in the emails they put in the outbox, and the registrar lookup's settings. No transport
 * settings: they never send mail themselves.
 */
export const workflowEnv = baseEnv.extend({
  PORTAL_URL: emailEnv.shape.PORTAL_URL,
  /** Where CheckEligibility learns a domain's registrar: RDAP in AWS, a fixture on the local stack. */
  REGISTRAR_LOOKUP: z.enum(['rdap', 'fixture']).default('rdap'),
  /** rdap.org redirects each query to the registry's RDAP service (IANA bootstrap). */
  RDAP_BASE_URL: z.url().default('https://rdap.org'),
  /** One lookup's budget; CheckEligibility's Lambda timeout must leave room for a few. */
  RDAP_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(3000),
});
export type WorkflowConfig = z.infer<typeof workflowEnv>;
