import type { z } from 'zod';
import { emailEnv } from '#adapters/email/email-from-config';
import { baseEnv } from '#config';

/** What the workflow's task functions need: the base environment and the email settings. */
export const workflowEnv = baseEnv.extend(emailEnv.shape);
export type WorkflowConfig = z.infer<typeof workflowEnv>;
