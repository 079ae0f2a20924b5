/**
 * What the API needs from the outside world. The Lambda entry builds it from configuration once per
 * container (`createApiDependencies`); the local stack and the tests build it from emulators.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { FileStore } from '#adapters/file-store';
import { caseStoreFrom, fileStoreFrom, sfnClientFrom } from '#adapters/from-config';
import { createJwtVerifier, type JwtVerifier } from '#adapters/jwt-verifier';
import { StepFunctionsCallbacks, type WorkflowCallbacks } from '#adapters/workflow-client';
import { type ApiConfig, trustedIssuers } from '#config';
import type { CaseRepository } from '#domain/case-repository';
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
  store: CaseRepository;
  files: Pick<FileStore, 'presignedPost' | 'presignedProviderPost' | 'presignedGet' | 'head' | 'getBytes'>;
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
  const sfnClient = sfnClientFrom(config);
  const callbacks = new StepFunctionsCallbacks(sfnClient);
  const starter = new StepFunctionsStarter(sfnClient);
  return {
    store: caseStoreFrom(config),
    files: fileStoreFrom(config),
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
