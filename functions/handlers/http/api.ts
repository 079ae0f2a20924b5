/** The HTTP API's Lambda entry: API Gateway HTTP API (v2) events into the one Hono app. */
import { handle } from 'hono/aws-lambda';
import { createApp } from '#api/app';
import { createApiDependencies } from '#api/dependencies';
import { apiEnv, loadConfig } from '#config';

// Built once per container: configuration, clients and the JWKS cache live as long as it does.
const app = createApp(createApiDependencies(loadConfig(apiEnv)));

export const handler = handle(app);
