/**
 * Browser POST uploads as S3 checks them
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html): the policy
 * is signed with the SigV4 key of `x-amz-credential`'s date/region/service, has not expired, every
 * condition holds, and every form field (but `file`, `policy`, `x-amz-signature`, `x-ignore-*`) is
 * covered by a condition. The file's size is checked against `content-length-range` as it arrives.
 */
import type { LocalCredential, LocalCredentials } from './aws/local-credentials.ts';
import { AwsAuthError, parseAmzDate } from './aws/sigv4.ts';
import { ALGORITHM, deriveSigningKey, hmac, parseCredentialScope, sameHex } from './aws/sigv4-primitives.ts';

export interface PostPolicyInput {
  /** Form fields in order, before the file part (names as sent). */
  fields: readonly (readonly [string, string])[];
  /** The bucket of the request URL. */
  bucket: string;
  /** The file part's filename, for `${filename}` in the key. */
  filename?: string;
  region: string;
  credentials: LocalCredentials;
  now?: Date;
}

export interface VerifiedPostPolicy {
  credential: LocalCredential;
  /** The object key (after `${filename}`). */
  key: string;
  /** Form fields by lower-case name. */
  fields: ReadonlyMap<string, string>;
  /** Smallest and largest file the policy allows; [0, Infinity] without a content-length-range. */
  lengthRange: readonly [number, number];
  expiresAt: Date;
}

/** S3 puts the uploaded file's name where the key says `${filename}`. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the literal variable S3 substitutes
const FILENAME_VARIABLE = '${filename}';
/** Fields exempt from the "every field is covered by a condition" rule. */
const EXEMPT = new Set(['file', 'policy', 'x-amz-signature']);
/** Fields a policy may only pin exactly (S3 refuses starts-with for them). */
const EXACT_ONLY = new Set([
  'bucket',
  'success_action_status',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-server-side-encryption-customer-algorithm',
]);

const denied = (message: string) => new AwsAuthError('AccessDenied', message, 403);
const invalidArgument = (message: string) => new AwsAuthError('InvalidArgument', message, 400);
const invalidPolicy = (message: string) =>
  new AwsAuthError('InvalidPolicyDocument', `Invalid Policy: ${message}`, 400);
const mustContain = (name: string) =>
  invalidArgument(
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
  );

/** Verifies a POST upload's policy and fields; throws AwsAuthError as S3 would answer. */
export function verifyPostPolicy(input: PostPolicyInput): VerifiedPostPolicy {
  const now = input.now ?? new Date();
  const fields = new Map<string, string>();
  for (const [name, value] of input.fields) {
    const lower = name.toLowerCase();
    if (fields.has(lower)) throw invalidArgument(`The form field ${name} appears more than once.`);
    fields.set(lower, value);
  }

  const policy = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  if (policy === undefined || signature === undefined) {
    // An anonymous POST: only a public bucket takes it, and no local bucket is public.
    throw denied('Access Denied');
  }
  for (const name of ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date']) {
    if (!fields.has(name)) throw mustContain(name);
  }
  if (fields.get('x-amz-algorithm') !== ALGORITHM) {
    throw invalidArgument('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const scope = parseCredentialScope(fields.get('x-amz-credential') ?? '');
  if (!scope) {
    throw invalidArgument(
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  }
  if (scope.region !== input.region) {
    throw invalidArgument(
      `Error parsing the X-Amz-Credential parameter; the region '${scope.region}' is wrong; expecting '${input.region}'`,
    );
  }
  if (scope.service !== 's3') {
    throw invalidArgument(
      `Error parsing the X-Amz-Credential parameter; incorrect service "${scope.service}". This endpoint belongs to "s3".`,
    );
  }
  parseAmzDate(fields.get('x-amz-date') ?? '');
  if (fields.get('x-amz-date')?.slice(0, 8) !== scope.shortDate) {
    throw invalidArgument('The X-Amz-Date does not match the date of the X-Amz-Credential scope.');
  }

  const credential = input.credentials.lookup(scope.accessKeyId);
  if (!credential) {
    throw new AwsAuthError(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      403,
    );
  }
  const signingKey = deriveSigningKey(credential.secretAccessKey, scope.shortDate, scope.region, 's3');
  if (!sameHex(hmac(signingKey, policy).toString('hex'), signature)) {
    throw new AwsAuthError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      403,
    );
  }
  if ((credential.sessionToken ?? undefined) !== fields.get('x-amz-security-token')) {
    throw new AwsAuthError('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
  }

  const document = parsePolicy(policy);
  if (now.getTime() > document.expiration.getTime()) {
    throw denied('Invalid according to Policy: Policy expired.');
  }

  const rawKey = fields.get('key');
  if (rawKey === undefined) throw mustContain('key');
  const key = input.filename !== undefined ? rawKey.replaceAll(FILENAME_VARIABLE, input.filename) : rawKey;
  if (fields.has('bucket') && fields.get('bucket') !== input.bucket) {
    throw denied(
      `Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "${input.bucket}"]`,
    );
  }
  const fieldValue = (name: string) =>
    name === 'bucket' ? input.bucket : name === 'key' ? key : fields.get(name);

  const covered = new Set<string>();
  let lengthRange: [number, number] = [0, Number.POSITIVE_INFINITY];
  for (const condition of document.conditions) {
    const parsed = parseCondition(condition);
    if (parsed.kind === 'length') {
      lengthRange = [Math.max(lengthRange[0], parsed.min), Math.min(lengthRange[1], parsed.max)];
      continue;
    }
    covered.add(parsed.field);
    if (parsed.kind === 'starts-with' && EXACT_ONLY.has(parsed.field)) {
      throw invalidPolicy(
        `Invalid 'starts-with' condition for field ${parsed.field}; it can only be matched exactly.`,
      );
    }
    const value = fieldValue(parsed.field) ?? '';
    const holds = parsed.kind === 'eq' ? value === parsed.value : value.startsWith(parsed.value);
    if (!holds) {
      throw denied(
        `Invalid according to Policy: Policy Condition failed: ["${parsed.kind}", "$${parsed.name}", ${JSON.stringify(parsed.value)}]`,
      );
    }
  }
  const extra = ['bucket', ...fields.keys()].filter(
    (name) => !EXEMPT.has(name) && !name.startsWith('x-ignore-') && !covered.has(name),
  );
  if (extra.length > 0) throw denied(`Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);
  return { credential, key, fields, lengthRange, expiresAt: document.expiration };
}

/** S3's answer for a file outside the policy's content-length-range, or undefined. */
export function lengthProblem(size: number, [min, max]: readonly [number, number]): AwsAuthError | undefined {
  if (size > max)
    return new AwsAuthError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400);
  if (size < min) {
    return new AwsAuthError(
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed size',
      400,
    );
  }
  return undefined;
}

interface PolicyDocument {
  expiration: Date;
  conditions: unknown[];
}

function parsePolicy(base64: string): PolicyDocument {
  let document: unknown;
  try {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new Error('not base64');
    document = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
  } catch {
    throw invalidPolicy('Invalid JSON.');
  }
  if (typeof document !== 'object' || document === null) throw invalidPolicy('Invalid JSON.');
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (typeof expiration !== 'string') throw invalidPolicy('Policy missing expiration.');
  const expires = new Date(expiration);
  if (Number.isNaN(expires.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(expiration)) {
    throw invalidPolicy(`Invalid 'expiration' value: '${expiration}'`);
  }
  if (!Array.isArray(conditions)) throw invalidPolicy('Policy missing conditions.');
  return { expiration: expires, conditions };
}

type Condition =
  | { kind: 'eq' | 'starts-with'; name: string; field: string; value: string }
  | { kind: 'length'; min: number; max: number };

function parseCondition(condition: unknown): Condition {
  const bad = () => invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
  if (Array.isArray(condition)) {
    const [operator, first, second] = condition as unknown[];
    if (typeof operator !== 'string' || condition.length !== 3) throw bad();
    const op = operator.toLowerCase();
    if (op === 'content-length-range') {
      if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second)) throw bad();
      const [min, max] = [first as number, second as number];
      if (min < 0 || max < min) throw bad();
      return { kind: 'length', min, max };
    }
    if (op !== 'eq' && op !== 'starts-with') throw bad();
    if (typeof first !== 'string' || !first.startsWith('$') || typeof second !== 'string') throw bad();
    const name = first.slice(1);
    return { kind: op, name, field: name.toLowerCase(), value: second };
  }
  if (typeof condition === 'object' && condition !== null) {
    const entries = Object.entries(condition);
    if (entries.length !== 1) throw bad();
    const [name, value] = entries[0] as [string, unknown];
    if (typeof value !== 'string') throw bad();
    return { kind: 'eq', name, field: name.toLowerCase(), value };
  }
  throw bad();
}
