/** The HTTP API's Lambda entry: API Gateway HTTP API (v2) events into the one Hono app. */
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from '#api/app';
import { createApiDependencies } from '#api/dependencies';
import { entityKeySecretLoader } from '#api/entity-key-secret';
import { apiEnv, loadConfig } from '#config';

// Configuration is checked at cold start; the clients, the JWKS cache and the entity key live as
// long as the container. The key is read on the first request, not at load: loading stays free of
// network calls, and a failed read is retried by the next request instead of failing the container.
const config = loadConfig(apiEnv);
const entityKeySecret = entityKeySecretLoader(config);
let appHandler: ReturnType<typeof handle> | undefined;

export async function handler(event: LambdaEvent, lambdaContext?: LambdaContext) {
  const secret = await entityKeySecret();
  appHandler ??= handle(createApp(createApiDependencies(config, secret)));
  return appHandler(event, lambdaContext);
}
