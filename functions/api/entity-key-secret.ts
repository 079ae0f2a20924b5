/**
 * The applicant-entity HMAC key (`entityKeyOf`), read from Secrets Manager at run time. The template
 * gives the API only the secret's ARN (ENTITY_KEY_SECRET_ARN), so the key is not in the function's
 * configuration, where anyone allowed to read that could see it.
 *
 * The client is imported statically, unlike the SMTP secret's (email-from-config.ts): every API
 * container reads this secret, so loading it lazily would save nothing, and a static import lets
 * esbuild keep only GetSecretValue where the client is bundled (China; measured 13.7 KB instead of
 * 30 KB for the whole client). Global bundles leave it to the runtime (infra/constructs/bundling.ts).
 * No endpoint is passed: in AWS the SDK finds the regional one, on the local stack
 * `AWS_ENDPOINT_URL` points it at the local AWS endpoint.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ApiConfig } from '#config';

/** Shorter keys are refused: an HMAC with a short key can be brute-forced back to ID numbers. */
export const ENTITY_KEY_MIN_LENGTH = 16;

/** A secret that cannot be used as the entity key; the message names the secret, never a value. */
export class EntityKeySecretError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EntityKeySecretError';
  }
}

type EntityKeyConfig = Pick<ApiConfig, 'ENTITY_KEY_SECRET_ARN' | 'AWS_REGION'>;

/**
 * Reads the key on the first call and keeps it for the life of the container (it changes only by a
 * planned migration: every stored entity key derives from it). Concurrent first calls share one
 * read; a failed read is not kept, so the next request tries again.
 */
export function entityKeySecretLoader(config: EntityKeyConfig): () => Promise<string> {
  let value: Promise<string> | undefined;
  return () => {
    value ??= readEntityKey(config).catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

async function readEntityKey(config: EntityKeyConfig): Promise<string> {
  const arn = config.ENTITY_KEY_SECRET_ARN;
  const client = new SecretsManagerClient({ region: config.AWS_REGION });
  let secret: string | undefined;
  try {
    secret = (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new EntityKeySecretError(
      `Cannot read the entity key secret ${arn} (ENTITY_KEY_SECRET_ARN): ${reason}`,
      { cause: error },
    );
  } finally {
    client.destroy();
  }
  if (!secret) {
    throw new EntityKeySecretError(
      `The entity key secret ${arn} (ENTITY_KEY_SECRET_ARN) has no value; it must be a random string of at least ${ENTITY_KEY_MIN_LENGTH} characters (docs/deploy.md)`,
    );
  }
  if (secret.length < ENTITY_KEY_MIN_LENGTH) {
    throw new EntityKeySecretError(
      `The entity key secret ${arn} (ENTITY_KEY_SECRET_ARN) is shorter than ${ENTITY_KEY_MIN_LENGTH} characters; it must be a random string of at least ${ENTITY_KEY_MIN_LENGTH} (docs/deploy.md)`,
    );
  }
  return secret;
}
