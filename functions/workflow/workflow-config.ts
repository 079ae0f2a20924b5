import type { z } from 'zod';
import { emailEnv } from '#adapters/email/email-from-config';
import { baseEnv } from '#config';

/**
 * What the workflow's task functions need: the base environment and the portal's address for the
 * links in the emails they put in the outbox. No transport settings: they never send mail themselves.
 */
export const workflowEnv = baseEnv.extend({ PORTAL_URL: emailEnv.shape.PORTAL_URL });
export type WorkflowConfig = z.infer<typeof workflowEnv>;
