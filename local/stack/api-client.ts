/**
 * A small client of the running system, as a browser would use it: signs in through the OIDC
 * issuer's authorization-code + PKCE flow, calls the API with the token, and uploads files with the
 * presigned POST. Used by `npm run demo` and by the tests that drive a whole stack.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ApplicationInput } from '#domain/application';
import type { DocumentType } from '#domain/document-types';
import { type SampleFile, sampleDocument } from './sample-documents.ts';
import { SEEDED_USERS } from './seeded-users.ts';

export interface StackConfig {
  apiUrl: string;
  issuer: string;
  clientId: string;
  /** Where officers and supervisors sign in, and their client (the console's config.json has them). */
  staffIssuer?: string;
  staffClientId?: string;
}

/**
 * Signs in a seeded user (the dev issuers list them; no password locally) and returns the ID token.
 * Officers and supervisors sign in at the staff issuer, as on AWS.
 */
export async function signIn(config: StackConfig, sub: string): Promise<string> {
  const staff = SEEDED_USERS.find((u) => u.sub === sub)?.role !== 'applicant';
  const issuer = staff && config.staffIssuer ? config.staffIssuer : config.issuer;
  const clientId = staff && config.staffIssuer ? (config.staffClientId ?? config.clientId) : config.clientId;
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${new URL(issuer).origin}/`; // the console's address, the only one allowed
  const authorize = await fetch(`${issuer}/authorize`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      state: 'demo',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      sub,
    }),
  });
  const code = new URL(authorize.headers.get('location') ?? redirectUri).searchParams.get('code');
  if (!code) throw new Error(`Sign-in of ${sub} failed (HTTP ${authorize.status})`);
  const token = await fetch(`${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: clientId,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await token.json()) as { id_token?: string };
  if (!body.id_token) throw new Error(`Token exchange for ${sub} failed (HTTP ${token.status})`);
  return body.id_token;
}

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: string },
  ) {
    super(`HTTP ${status} ${body.code ?? ''}: ${body.message ?? ''}`);
  }
}

/** Calls the API as the signed-in user; a non-2xx answer throws ApiCallError with the error body. */
export function apiAs(config: StackConfig, token: string) {
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${config.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as T) : ({} as T);
    if (!response.ok) throw new ApiCallError(response.status, parsed as { code?: string; message?: string });
    return parsed;
  };
}

/** POSTs a file with a presigned upload's form fields, as the browser does. */
export async function uploadFile(upload: { url: string; fields: Record<string, string> }, file: SampleFile) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.fileName);
  const response = await fetch(upload.url, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`Upload failed: HTTP ${response.status} ${await response.text()}`);
}

/**
 * Uploads a valid sample file for each document type as the applicant: a presigned POST from the API,
 * then the file straight to S3. `onEach` hears of each upload (the demo prints them).
 */
export async function uploadSampleDocuments(
  api: ReturnType<typeof apiAs>,
  caseId: string,
  application: ApplicationInput,
  docTypes: readonly DocumentType[],
  onEach: (docType: DocumentType) => void = () => undefined,
) {
  for (const docType of docTypes) {
    const file = sampleDocument(docType, application);
    const upload = await api<{ url: string; fields: Record<string, string> }>(
      'POST',
      `/cases/${caseId}/uploads`,
      {
        docType,
        contentType: file.contentType,
      },
    );
    await uploadFile(upload, file);
    onEach(docType);
  }
}

/** Polls `read` until `done` holds (the workflow runs asynchronously), up to `seconds`. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  seconds = 30,
) {
  const deadline = Date.now() + seconds * 1000;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(last).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}
