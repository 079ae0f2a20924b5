/**
 * Asking the IAM hook about a verified caller: the signature's scope must be this S3 (service and
 * region), and every check a request needs must be allowed.
 */
import type { VerifiedCaller } from './aws/sigv4.ts';
import { accessDenied, S3Failure } from './s3-errors.ts';
import type { S3FrontOptions } from './s3-front-options.ts';
import { type AuthorizationCheck, bucketArn } from './s3-iam.ts';

export function checkScope(region: string, caller: VerifiedCaller): void {
  if (caller.service !== 's3') {
    throw new S3Failure(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; incorrect service "${caller.service}". This endpoint belongs to "s3".`,
      400,
    );
  }
  if (caller.region !== region) {
    throw new S3Failure(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${caller.region}' is wrong; expecting '${region}'`,
      400,
      { 'x-amz-bucket-region': region },
    );
  }
}

export async function authorizeAll(
  options: Pick<S3FrontOptions, 'authorize'>,
  principalArn: string,
  checks: readonly AuthorizationCheck[],
  baseContext: Record<string, string>,
): Promise<void> {
  if (!options.authorize) return;
  for (const check of checks) {
    const context = { ...baseContext, ...(check.context ?? {}) };
    const allowed = await options.authorize({
      principalArn,
      action: check.action,
      resource: check.resource,
      context,
    });
    if (!allowed) {
      throw accessDenied(
        `User: ${principalArn} is not authorized to perform: ${check.action} on resource: "${check.resource}" because no identity-based policy allows the ${check.action} action`,
      );
    }
  }
}

/** AWS answers a missing key with 404 only to callers who may list the bucket; others get 403. */
export async function mayList(
  options: Pick<S3FrontOptions, 'authorize' | 'partition'>,
  principalArn: string,
  bucket: string,
  baseContext: Record<string, string>,
): Promise<boolean> {
  if (!options.authorize) return true;
  return options.authorize({
    principalArn,
    action: 's3:ListBucket',
    resource: bucketArn(options.partition, bucket),
    context: baseContext,
  });
}
