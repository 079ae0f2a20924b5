/**
 * AWS Signature Version 4 on the receiving side: the local stack issues key pairs to principals
 * (one per Lambda role, one for the operator; ./local-credentials.ts) and checks every signed request
 * or presigned URL the way AWS does, so a request that AWS would refuse is refused locally too.
 */
import { createScope, getCanonicalQuery } from '@smithy/signature-v4';
import type { LocalCredential, LocalCredentials } from './local-credentials.ts';
import {
  ALGORITHM,
  type CredentialScope,
  deriveSigningKey,
  EMPTY_SHA256,
  hmac,
  parseCredentialScope,
  STREAMING_PAYLOADS,
  sameHex,
  sha256Hex,
  toAmzDate,
  UNSIGNED_PAYLOAD,
  uriEncode,
} from './sigv4-primitives.ts';

export interface SignedRequestParts {
  method: string;
  /** The request URL as received: its pathname and search are what the client signed. */
  url: URL;
  /** lower- or mixed-case */
  headers: Record<string, string | string[] | undefined>;
  /**
   * The whole body. Omit it when the caller streams the body itself: a hex `x-amz-content-sha256`
   * is then taken as given for the signature and the caller must hash the streamed body and compare
   * it with `VerifiedCaller.payloadHash` (S3 answers XAmzContentSHA256Mismatch).
   */
  body?: Uint8Array;
}

export interface VerifiedCaller {
  credential: LocalCredential;
  service: string;
  region: string;
  /** presigned URL expiry, when query-signed */
  expiresAt?: Date;
  /** When the request was signed (x-amz-date / X-Amz-Date / Date). */
  signedAt: Date;
  /** 'header' = Authorization header; 'query' = presigned URL. */
  mechanism: 'header' | 'query';
  /** The payload hash in the canonical request: a hex SHA-256, UNSIGNED-PAYLOAD or STREAMING-…. */
  payloadHash: string;
  /** Lower-case names of the signed headers. */
  signedHeaders: string[];
  /** The request's signature (the seed signature of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload). */
  signature: string;
  /** The SigV4 signing key for the request's scope (to check chunk signatures of a streamed upload). */
  signingKey: Buffer;
  /** `<yyyymmdd>/<region>/<service>/aws4_request` */
  scope: string;
}

export class AwsAuthError extends Error {
  constructor(
    /** e.g. MissingAuthenticationToken, InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied, IncompleteSignature, RequestExpired */
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'AwsAuthError';
  }
}

/** AWS allows 15 minutes between the signing time and its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** Presigned URLs live at most 7 days. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Verifies an Authorization-header SigV4 request or a presigned (X-Amz-Signature query) request;
 * throws AwsAuthError. Checks date skew (15 min) and presign expiry.
 */
export async function verifySigV4(
  request: SignedRequestParts,
  credentials: LocalCredentials,
  now: Date = new Date(),
): Promise<VerifiedCaller> {
  const headers = lowerCaseHeaders(request.headers);
  const query = parseQuery(request.url.search);
  const authorization = headers.authorization;
  const queryAuth = query.some(([name]) => name === 'X-Amz-Algorithm' || name === 'X-Amz-Signature');
  if (authorization !== undefined && queryAuth) {
    throw new AwsAuthError(
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      400,
    );
  }
  if (authorization === undefined && !queryAuth) {
    throw new AwsAuthError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
  const parts = authorization !== undefined ? parseAuthorization(authorization) : parsePresign(query);
  const { accessKeyId, shortDate, region, service } = parts.scope;
  const credential = credentials.lookup(accessKeyId);
  if (!credential) {
    throw new AwsAuthError(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      403,
    );
  }
  const isS3 = service === 's3';

  // The token travels in the signed headers or the query; a temporary key without it (or another
  // key's token) is refused, as STS keys are.
  const token =
    parts.mechanism === 'header'
      ? headers['x-amz-security-token']
      : queryValue(query, 'X-Amz-Security-Token');
  if ((credential.sessionToken ?? undefined) !== token) {
    throw new AwsAuthError('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
  }
  if (
    parts.mechanism === 'header' &&
    token !== undefined &&
    !parts.signedHeaders.includes('x-amz-security-token')
  ) {
    throw headersNotSigned(['x-amz-security-token']);
  }

  if (!parts.signedHeaders.includes('host')) {
    throw new AwsAuthError('AccessDenied', 'Signed headers must include the host header.', 403);
  }
  for (const name of parts.signedHeaders) {
    if (headers[name] === undefined) {
      throw signatureMismatch(`The signed header ${name} is missing from the request.`);
    }
  }
  if (isS3) {
    // S3 refuses x-amz-* headers that the signature does not cover.
    const unsigned = Object.keys(headers).filter(
      (name) => name.startsWith('x-amz-') && !parts.signedHeaders.includes(name),
    );
    if (unsigned.length > 0) throw headersNotSigned(unsigned);
  }

  // Signing time: the clock must agree within 15 minutes; a presigned URL must not have expired.
  let signedAt: Date;
  let expiresAt: Date | undefined;
  if (parts.mechanism === 'header') {
    const amzDate = headers['x-amz-date'];
    if (amzDate !== undefined) {
      if (!parts.signedHeaders.includes('x-amz-date')) throw headersNotSigned(['x-amz-date']);
      signedAt = parseAmzDate(amzDate);
    } else if (headers.date !== undefined && parts.signedHeaders.includes('date')) {
      signedAt = new Date(headers.date);
      if (Number.isNaN(signedAt.getTime()))
        throw accessDenied('AWS authentication requires a valid Date or x-amz-date header');
    } else {
      throw accessDenied('AWS authentication requires a valid Date or x-amz-date header');
    }
    if (Math.abs(signedAt.getTime() - now.getTime()) > MAX_CLOCK_SKEW_MS) {
      throw new AwsAuthError(
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
        403,
      );
    }
  } else {
    signedAt = parseAmzDate(parts.amzDate);
    expiresAt = new Date(signedAt.getTime() + parts.expiresSeconds * 1000);
    if (signedAt.getTime() - now.getTime() > MAX_CLOCK_SKEW_MS) {
      throw accessDenied('Request is not valid yet');
    }
    if (now.getTime() > expiresAt.getTime()) {
      throw isS3
        ? accessDenied('Request has expired')
        : new AwsAuthError('RequestExpired', 'Request has expired.', 403);
    }
  }
  const longDate = toAmzDate(signedAt);
  if (longDate.slice(0, 8) !== shortDate) {
    throw signatureMismatch(
      `The credential scope date ${shortDate} does not match the request date ${longDate}.`,
    );
  }

  const payloadHash = payloadHashOf(parts.mechanism, isS3, headers, query, request.body);
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(request.url.pathname, isS3),
    canonicalQuery(query),
    ...parts.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(headers[name] ?? '')}`),
    '',
    parts.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = createScope(shortDate, region, service);
  const stringToSign = [
    ALGORITHM,
    parts.mechanism === 'header' ? longDate : parts.amzDate,
    scope,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const signingKey = deriveSigningKey(credential.secretAccessKey, shortDate, region, service);
  const expected = hmac(signingKey, stringToSign).toString('hex');
  if (!sameHex(expected, parts.signature)) {
    throw signatureMismatch(
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  }
  return {
    credential,
    service,
    region,
    ...(expiresAt ? { expiresAt } : {}),
    signedAt,
    mechanism: parts.mechanism,
    payloadHash,
    signedHeaders: parts.signedHeaders,
    signature: parts.signature,
    signingKey,
    scope,
  };
}

/** Parses `yyyymmddThhmmssZ`; throws AccessDenied when malformed. */
export function parseAmzDate(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) throw accessDenied(`Invalid date format: ${value}`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
  if (Number.isNaN(date.getTime()) || toAmzDate(date) !== value) throw accessDenied(`Invalid date: ${value}`);
  return date;
}

interface ParsedAuth {
  mechanism: 'header' | 'query';
  scope: CredentialScope;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  expiresSeconds: number;
}

function parseAuthorization(value: string): ParsedAuth {
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new AwsAuthError(
      'InvalidRequest',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      400,
    );
  }
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const trimmed = part.trim();
    const equals = trimmed.indexOf('=');
    if (equals > 0) fields.set(trimmed.slice(0, equals), trimmed.slice(equals + 1));
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    throw new AwsAuthError(
      'IncompleteSignature',
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.`,
      400,
    );
  }
  return {
    mechanism: 'header',
    scope: scopeOrThrow(credential),
    signedHeaders: signedHeaderList(signedHeaders),
    signature,
    amzDate: '',
    expiresSeconds: 0,
  };
}

function parsePresign(query: [string, string][]): ParsedAuth {
  const algorithm = queryValue(query, 'X-Amz-Algorithm');
  const credential = queryValue(query, 'X-Amz-Credential');
  const signedHeaders = queryValue(query, 'X-Amz-SignedHeaders');
  const signature = queryValue(query, 'X-Amz-Signature');
  const amzDate = queryValue(query, 'X-Amz-Date');
  const expires = queryValue(query, 'X-Amz-Expires');
  if (algorithm !== ALGORITHM) {
    throw new AwsAuthError(
      'AuthorizationQueryParametersError',
      'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
      400,
    );
  }
  if (!credential || !signedHeaders || !signature || !amzDate || !expires) {
    throw new AwsAuthError(
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      400,
    );
  }
  if (!/^\d+$/.test(expires) || Number(expires) < 1 || Number(expires) > MAX_PRESIGN_SECONDS) {
    throw new AwsAuthError(
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be between 1 and 604800 seconds',
      400,
    );
  }
  return {
    mechanism: 'query',
    scope: scopeOrThrow(credential),
    signedHeaders: signedHeaderList(signedHeaders),
    signature,
    amzDate,
    expiresSeconds: Number(expires),
  };
}

function scopeOrThrow(value: string): CredentialScope {
  const scope = parseCredentialScope(value);
  if (!scope) {
    throw new AwsAuthError(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`,
      400,
    );
  }
  return scope;
}

function signedHeaderList(value: string): string[] {
  const names = value.split(';');
  if (names.some((name) => name === '' || name !== name.toLowerCase())) {
    throw new AwsAuthError(
      'IncompleteSignature',
      'SignedHeaders must be lower-case names separated by ";".',
      400,
    );
  }
  return names;
}

function payloadHashOf(
  mechanism: 'header' | 'query',
  isS3: boolean,
  headers: Record<string, string>,
  query: [string, string][],
  body: Uint8Array | undefined,
): string {
  const declared =
    headers['x-amz-content-sha256'] ??
    (mechanism === 'query'
      ? query.find(([name]) => name.toLowerCase() === 'x-amz-content-sha256')?.[1]
      : undefined);
  if (declared === undefined) {
    if (isS3 && mechanism === 'header') {
      throw new AwsAuthError(
        'InvalidRequest',
        'Missing required header for this request: x-amz-content-sha256',
        400,
      );
    }
    if (isS3) return UNSIGNED_PAYLOAD;
    return body ? sha256Hex(body) : EMPTY_SHA256;
  }
  if (declared === UNSIGNED_PAYLOAD || STREAMING_PAYLOADS.has(declared)) {
    // Other services sign the payload; only S3 lets a client leave it out.
    if (!isS3) throw signatureMismatch(`x-amz-content-sha256 ${declared} is only accepted by S3.`);
    return declared;
  }
  if (!HEX_SHA256.test(declared)) {
    throw new AwsAuthError(
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-… or a SHA-256 hex digest',
      400,
    );
  }
  if (body && sha256Hex(body) !== declared) {
    throw new AwsAuthError(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      400,
    );
  }
  return declared;
}

/**
 * The canonical URI: S3 encodes each decoded path segment once, as it is; other services
 * normalise `.`/`..` and encode the encoded path a second time.
 */
function canonicalUri(pathname: string, isS3: boolean): string {
  let segments: string[];
  try {
    segments = (pathname || '/').split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    throw new AwsAuthError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
  if (isS3) return segments.map(uriEncode).join('/');
  const normalized: string[] = [];
  for (const segment of segments.slice(1)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') normalized.pop();
    else normalized.push(segment);
  }
  const trailing = normalized.length > 0 && pathname.endsWith('/') ? '/' : '';
  return `/${normalized.map((segment) => uriEncode(uriEncode(segment))).join('/')}${trailing}`;
}

function canonicalQuery(query: [string, string][]): string {
  const grouped: Record<string, string | string[]> = {};
  for (const [name, value] of query) {
    const existing = grouped[name];
    if (existing === undefined) grouped[name] = value;
    else grouped[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return getCanonicalQuery({ query: grouped } as Parameters<typeof getCanonicalQuery>[0]);
}

/** Decoded query pairs in order; `+` stays a plus (SigV4 clients encode spaces as %20). */
function parseQuery(search: string): [string, string][] {
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (text === '') return [];
  try {
    return text.split('&').map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      const value = equals < 0 ? '' : pair.slice(equals + 1);
      return [decodeURIComponent(name), decodeURIComponent(value)];
    });
  } catch {
    throw new AwsAuthError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

function queryValue(query: [string, string][], name: string): string | undefined {
  return query.find(([key]) => key === name)?.[1];
}

function lowerCaseHeaders(headers: SignedRequestParts['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const joined = Array.isArray(value) ? value.join(',') : value;
    out[key] = out[key] === undefined ? joined : `${out[key]},${joined}`;
  }
  return out;
}

function canonicalHeaderValue(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function signatureMismatch(message: string): AwsAuthError {
  return new AwsAuthError('SignatureDoesNotMatch', message, 403);
}

function accessDenied(message: string): AwsAuthError {
  return new AwsAuthError('AccessDenied', message, 403);
}

function headersNotSigned(names: string[]): AwsAuthError {
  return new AwsAuthError(
    'AccessDenied',
    `There were headers present in the request which were not signed: ${names.join(', ')}`,
    403,
  );
}
