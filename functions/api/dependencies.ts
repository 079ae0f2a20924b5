/**
 * What the API needs from the outside world. The Lambda entry builds it from configuration once per
 * container (`createApiDependencies`); the local stack and the tests build it from emulators.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { CaseStore } from '#adapters/case-store';
import { createDocumentClient } from '#adapters/dynamo-client';
import { createS3Client, FileStore } from '#adapters/file-store';
import { createJwtVerifier, type JwtVerifier } from '#adapters/jwt-verifier';
import { createSfnClient, StepFunctionsCallbacks, type WorkflowCallbacks } from '#adapters/workflow-client';
import { type ApiConfig, trustedIssuers } from '#config';
import { createLogger } from '../logger.ts';
import { StepFunctionsStarter, type WorkflowStarter } from './workflow-starter.ts';

/** The execution input's `settings` (statemachines/README.md). */
export interface WorkflowSettings {
  documentWaitSeconds: [number, number, number] | number[];
  maxReviewRounds: number;
  maxReschedules: number;
}

export interface ApiSettings {
  stateMachineArn: string;
  workflow: WorkflowSettings;
  /** Secret for the applicant-entity HMAC (`entityKeyOf`). */
  entityKeySecret: string;
  /** The provider's address ranges (eligibility: a site must be hosted here). */
  hostingCidrs: readonly string[];
  /** Lifetime of officers' document links, seconds (≤ 300). */
  downloadExpirySeconds: number;
  /** CORS origins of the console; empty = no CORS headers. */
  consoleOrigins: readonly string[];
  portalUrl?: string;
}

export interface ApiDependencies {
  store: CaseStore;
  files: Pick<FileStore, 'presignedPost' | 'presignedGet'>;
  /** StartExecution plus the callback actions. */
  sfn: WorkflowStarter & WorkflowCallbacks;
  verifier: JwtVerifier;
  settings: ApiSettings;
  now: () => Date;
  logger?: Logger;
}

export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = {
  documentWaitSeconds: [2592000, 864000, 432000],
  maxReviewRounds: 3,
  maxReschedules: 2,
};

/**
 * The dependencies from the parsed environment and the entity key (read from its secret,
 * `entityKeySecretLoader`); the Lambda entry calls this once per container.
 */
export function createApiDependencies(config: ApiConfig, entityKeySecret: string): ApiDependencies {
  const db = createDocumentClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  });
  const s3 = createS3Client({
    region: config.AWS_REGION,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
  });
  const sfnClient = createSfnClient({
    region: config.AWS_REGION,
    ...(config.SFN_ENDPOINT ? { endpoint: config.SFN_ENDPOINT } : {}),
  });
  const callbacks = new StepFunctionsCallbacks(sfnClient);
  const starter = new StepFunctionsStarter(sfnClient);
  return {
    store: new CaseStore(db, config.TABLE_NAME),
    files: new FileStore(s3, {
      bucket: config.UPLOAD_BUCKET,
      sse: config.UPLOAD_SSE,
      ...(config.UPLOAD_KMS_KEY_ID ? { kmsKeyId: config.UPLOAD_KMS_KEY_ID } : {}),
      uploadExpirySeconds: config.UPLOAD_EXPIRY_SECONDS,
      downloadExpirySeconds: config.DOWNLOAD_EXPIRY_SECONDS,
    }),
    sfn: {
      startExecution: (input) => starter.startExecution(input),
      sendTaskSuccess: (token, output) => callbacks.sendTaskSuccess(token, output),
      sendTaskFailure: (token, error, cause) => callbacks.sendTaskFailure(token, error, cause),
    },
    verifier: createJwtVerifier(trustedIssuers(config)),
    settings: {
      stateMachineArn: config.STATE_MACHINE_ARN,
      workflow: {
        documentWaitSeconds: config.DOCUMENT_WAIT_SECONDS,
        maxReviewRounds: config.MAX_REVIEW_ROUNDS,
        maxReschedules: config.MAX_RESCHEDULES,
      },
      entityKeySecret,
      hostingCidrs: config.HOSTING_CIDRS,
      downloadExpirySeconds: config.DOWNLOAD_EXPIRY_SECONDS,
      consoleOrigins: config.CONSOLE_ORIGINS,
      ...(config.PORTAL_URL ? { portalUrl: config.PORTAL_URL } : {}),
    },
    now: () => new Date(),
    logger: createLogger('icp-api', config.LOG_LEVEL),
  };
}
