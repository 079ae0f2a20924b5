/**
 * The on-upload Lambda: an EventBridge rule on the uploads bucket's "Object Created" events. The use
 * case is functions/documents/record-upload.ts; this file only wires it from the environment.
 */
import type { Context } from 'aws-lambda';
import { emailEnv } from '#adapters/email/email-from-config';
import { caseStoreFrom, fileStoreFrom, sfnClientFrom } from '#adapters/from-config';
import type { ObjectCreatedEvent } from '#adapters/object-created-event';
import { StepFunctionsCallbacks } from '#adapters/workflow-client';
import { baseEnv, loadConfig } from '#config';
import {
  handleObjectCreated,
  type OnUploadDependencies,
  type OnUploadResult,
} from '#documents/record-upload';
import { createLogger } from '../../logger.ts';

// The portal's address for the refusal email's link; the email itself goes into the case's outbox.
const onUploadEnv = baseEnv.extend({ PORTAL_URL: emailEnv.shape.PORTAL_URL });
let wired: OnUploadDependencies | undefined;

/** The adapters, built from the environment once per container. */
function build(): OnUploadDependencies {
  const config = loadConfig(onUploadEnv);
  return {
    store: caseStoreFrom(config),
    files: fileStoreFrom(config),
    callbacks: new StepFunctionsCallbacks(sfnClientFrom(config)),
    logger: createLogger('on-upload', config.LOG_LEVEL),
    portalUrl: config.PORTAL_URL,
  };
}

export const handler = async (event: ObjectCreatedEvent, context: Context): Promise<OnUploadResult> => {
  wired ??= build();
  const deps = wired;
  deps.logger.addContext(context);
  return handleObjectCreated(event, deps);
};
