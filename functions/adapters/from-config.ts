/**
 * The adapters every entry point builds from its parsed configuration (`#config`), in one place:
 * the API (functions/api/dependencies.ts), the workflow's tasks (functions/workflow/lambda-task.ts),
 * on-upload and queue-metrics. Each function builds one adapter, so an entry point that never calls
 * S3 or Step Functions imports only what it uses and its bundle stays without those clients.
 * In AWS the endpoints are unset (the SDK's regional defaults); the local stack sets them.
 */
import type { BaseConfig } from '#config';
import type { RegistrarLookup } from '#domain/registrar-lookup';
import { CaseStore } from './case-store.ts';
import { createDocumentClient } from './dynamo-client.ts';
import { createS3Client, FileStore } from './file-store.ts';
import { fixtureRegistrarLookup } from './fixture-registrar-lookup.ts';
import { rdapRegistrarLookup } from './rdap-registrar-lookup.ts';
import { createSfnClient } from './workflow-client.ts';

type Endpoints = Pick<BaseConfig, 'AWS_REGION' | 'DYNAMODB_ENDPOINT' | 'S3_ENDPOINT' | 'SFN_ENDPOINT'>;

export function caseStoreFrom(config: Pick<BaseConfig, 'TABLE_NAME'> & Endpoints): CaseStore {
  return new CaseStore(
    createDocumentClient({
      region: config.AWS_REGION,
      ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    }),
    config.TABLE_NAME,
  );
}

/** The uploads bucket, with the presigned URLs' lifetimes from the configuration. */
export function fileStoreFrom(
  config: Pick<
    BaseConfig,
    'UPLOAD_BUCKET' | 'UPLOAD_SSE' | 'UPLOAD_KMS_KEY_ID' | 'UPLOAD_EXPIRY_SECONDS' | 'DOWNLOAD_EXPIRY_SECONDS'
  > &
    Endpoints,
): FileStore {
  return new FileStore(
    createS3Client({
      region: config.AWS_REGION,
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    }),
    {
      bucket: config.UPLOAD_BUCKET,
      sse: config.UPLOAD_SSE,
      ...(config.UPLOAD_KMS_KEY_ID ? { kmsKeyId: config.UPLOAD_KMS_KEY_ID } : {}),
      uploadExpirySeconds: config.UPLOAD_EXPIRY_SECONDS,
      downloadExpirySeconds: config.DOWNLOAD_EXPIRY_SECONDS,
    },
  );
}

export function sfnClientFrom(config: Endpoints) {
  return createSfnClient({
    region: config.AWS_REGION,
    ...(config.SFN_ENDPOINT ? { endpoint: config.SFN_ENDPOINT } : {}),
  });
}

/** The registrar lookup the configuration names: RDAP in AWS, the fixture on the local stack. */
export function registrarLookupFrom(config: {
  REGISTRAR_LOOKUP: 'rdap' | 'fixture';
  RDAP_BASE_URL: string;
  RDAP_TIMEOUT_MS: number;
}): RegistrarLookup {
  return config.REGISTRAR_LOOKUP === 'fixture'
    ? fixtureRegistrarLookup()
    : rdapRegistrarLookup({ baseUrl: config.RDAP_BASE_URL, timeoutMs: config.RDAP_TIMEOUT_MS });
}
