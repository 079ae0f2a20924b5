/**
 * The typed HTTP API client: adds the Bearer token, sends and reads JSON, and turns every error
 * into an ApiError carrying the API's `{ code, message, messageZh, field, issues }` body.
 * Request and response types are inferred from the server's zod schemas (functions/api/schemas.ts,
 * the same that validate requests and describe /openapi.json). Type-only imports: nothing of the
 * server is bundled.
 */
import type { z } from 'zod';
import type { FilingListResponse, PrefillResponse } from '../../functions/api/filing-schemas.ts';
import type {
  ProviderDocumentAttach,
  ProviderDocumentListResponse,
  ProviderDocumentUploadRequest,
} from '../../functions/api/provider-document-schemas.ts';
import type {
  ApplicationOverride,
  AppointmentRequest,
  AuditResponse,
  BureauDecision,
  BureauSubmission,
  CaseListResponse,
  CaseResponse,
  DecisionResponse,
  DocumentOverride,
  ErrorIssue as ErrorIssueSchema,
  ErrorResponse,
  LicenceDecision,
  OfficerCaseResponse,
  OutboxEmailListResponse,
  OutboxEmailResponse,
  PresignedUploadResponse,
  QueueQuery,
  Reason as ReasonSchema,
  ReviewDecision,
  SmsVerification,
  TimelineResponse,
  UploadRequest,
  VerificationOutcome,
} from '../../functions/api/schemas.ts';
import type { ApplicationInput } from '../../functions/domain/application.ts';
import type { DocumentType } from '../../functions/domain/document-types.ts';
import { bearerToken } from './auth.ts';
import { config } from './config.ts';

// -- responses
/** A case as the API returns it. */
export type CaseView = z.infer<typeof CaseResponse>;
/** One document as the case reports it: the latest upload's inspection. */
export type DocumentSummaryView = NonNullable<CaseView['documents'][DocumentType]>;
/** A page of cases, with the cursor of the next page if there is one. */
export type CaseList = z.infer<typeof CaseListResponse>;
export type TimelineEntry = z.infer<typeof TimelineResponse>['items'][number];
export type AuditEvent = z.infer<typeof AuditResponse>['items'][number];
export type OfficerCaseView = z.infer<typeof OfficerCaseResponse>;
export type OfficerDocument = OfficerCaseView['documents'][number];
/** One email of a case's outbox: queued, sent or failed, with its attempts (no bodies). */
export type OutboxEmailView = z.infer<typeof OutboxEmailResponse>;
export type PresignedUpload = z.infer<typeof PresignedUploadResponse>;
/** The API's answer to a step's decision: accepted, the workflow moves the case on. */
export type DecisionAccepted = z.infer<typeof DecisionResponse>;
/** One of the applicant's registered entities, with its websites and the actions that apply. */
export type FilingView = z.infer<typeof FilingListResponse>['items'][number];
export type FilingPrefill = z.infer<typeof PrefillResponse>;
/** The provider's qualification documents of a commercial case, with short-lived download links. */
export type ProviderDocumentList = z.infer<typeof ProviderDocumentListResponse>;
type ErrorIssue = z.infer<typeof ErrorIssueSchema>;
type ErrorBody = z.infer<typeof ErrorResponse>;

// -- request bodies, as the client sends them
export type Reason = z.input<typeof ReasonSchema>;
export type ReviewBody = z.input<typeof ReviewDecision>;
type Upload = z.input<typeof UploadRequest>;

/** The officer queue's filters as the console keeps them (sent as query parameters). */
export interface QueueFilters {
  step: z.infer<typeof QueueQuery>['step'];
  province?: string;
  office?: string;
  overdue?: boolean;
  cursor?: string;
}

/** An error the API returned (or a network failure, with code NETWORK). */
export class ApiError extends Error implements ErrorBody {
  readonly code: string;
  readonly messageZh: string;
  readonly field?: string;
  /** The case the error is about (e.g. the open case blocking a new one), to link to. */
  readonly caseId?: string;
  readonly issues: ErrorIssue[];
  constructor(
    readonly status: number,
    body: Partial<ErrorBody>,
  ) {
    super(body.message ?? `HTTP ${status}`);
    this.code = body.code ?? `HTTP_${status}`;
    this.messageZh = body.messageZh ?? `请求失败（HTTP ${status}）。`;
    if (body.field) this.field = body.field;
    if (body.caseId) this.caseId = body.caseId;
    this.issues = body.issues ?? [];
  }
}

/** Listeners told when the API answers 401 (the session ended): the app asks the user to sign in again. */
const unauthorizedListeners = new Set<() => void>();
export const onUnauthorized = (listener: () => void): (() => void) => {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
};

/** GET answers asked for before their page rendered (`fetchEarly`), each handed out once. */
const early = new Map<string, { at: number; answer: Promise<unknown> }>();
/** An early answer older than this is not handed out (the page asks the API again). */
const EARLY_FOR_MS = 10_000;

/**
 * Starts a GET the page about to open will make, while its code still loads (main.tsx): a phone then
 * waits for the code and the data side by side, not one after the other (issue 17). The page's own
 * request for the same path takes this answer; later requests (polling) go to the API as usual.
 */
export function fetchEarly(path: string): void {
  const answer = send('GET', path);
  answer.catch(() => undefined); // the page's request gets the error
  early.set(path, { at: Date.now(), answer });
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const ahead = method === 'GET' ? early.get(path) : undefined;
  early.delete(path);
  if (ahead && Date.now() - ahead.at < EARLY_FOR_MS) {
    // Told now, not when it was fetched: the shell listens for an ended session once it renders.
    return ahead.answer.catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401)
        for (const listener of unauthorizedListeners) listener();
      throw error;
    }) as Promise<T>;
  }
  return send<T>(method, path, body);
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = bearerToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${config().apiUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, {
      code: 'NETWORK',
      message: 'The service cannot be reached. Check the connection and try again.',
      messageZh: '无法连接服务，请检查网络后重试。',
    });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    throw new ApiError(response.status, (json ?? {}) as Partial<ErrorBody>);
  }
  return json as T;
}

const enc = encodeURIComponent;

/** Posts an officer's decision on the case's open step. */
const decision = (caseId: string, step: string, body: unknown) =>
  request<DecisionAccepted>('POST', `/officer/cases/${enc(caseId)}/${step}`, body);

export const api = {
  // applicant
  listMyCases: (cursor?: string) =>
    request<CaseList>('GET', `/cases${cursor ? `?cursor=${enc(cursor)}` : ''}`),
  createCase: (application: ApplicationInput | unknown) => request<CaseView>('POST', '/cases', application),
  editCase: (caseId: string, application: ApplicationInput | unknown) =>
    request<CaseView>('PUT', `/cases/${enc(caseId)}`, application),
  getCase: (caseId: string) => request<CaseView>('GET', `/cases/${enc(caseId)}`),
  listMyFilings: () => request<{ items: FilingView[] }>('GET', '/filings'),
  prefillFromFiling: (icpNumber: string, kind: string) =>
    request<FilingPrefill>('GET', `/filings/prefill?icpNumber=${enc(icpNumber)}&kind=${enc(kind)}`),
  submitCase: (caseId: string) => request<CaseView>('POST', `/cases/${enc(caseId)}/submit`),
  withdrawCase: (caseId: string) => request<CaseView>('POST', `/cases/${enc(caseId)}/withdraw`),
  timeline: (caseId: string) =>
    request<z.infer<typeof TimelineResponse>>('GET', `/cases/${enc(caseId)}/timeline`),
  requestUpload: (caseId: string, docType: Upload['docType'], contentType: Upload['contentType']) =>
    request<PresignedUpload>('POST', `/cases/${enc(caseId)}/uploads`, {
      docType,
      contentType,
    } satisfies Upload),

  providerDocuments: (caseId: string) =>
    request<ProviderDocumentList>('GET', `/cases/${enc(caseId)}/provider-documents`),

  // officer
  queue: (filters: QueueFilters) => {
    const q = new URLSearchParams({ step: filters.step, limit: '50' });
    if (filters.province) q.set('province', filters.province);
    if (filters.office) q.set('office', filters.office);
    if (filters.overdue) q.set('overdue', 'true');
    if (filters.cursor) q.set('cursor', filters.cursor);
    return request<CaseList>('GET', `/officer/queue?${q.toString()}`);
  },
  officerCase: (caseId: string) => request<OfficerCaseView>('GET', `/officer/cases/${enc(caseId)}`),
  audit: (caseId: string) =>
    request<z.infer<typeof AuditResponse>>('GET', `/officer/cases/${enc(caseId)}/audit`),
  emails: (caseId: string) =>
    request<z.infer<typeof OutboxEmailListResponse>>('GET', `/officer/cases/${enc(caseId)}/emails`),
  resendEmail: (caseId: string, emailId: string) =>
    request<OutboxEmailView>('POST', `/officer/cases/${enc(caseId)}/emails/${enc(emailId)}/resend`),
  review: (caseId: string, body: ReviewBody) => decision(caseId, 'review', body),
  licenceReview: (caseId: string, body: z.input<typeof LicenceDecision>) =>
    decision(caseId, 'licence-review', body),
  appointment: (caseId: string, body: z.input<typeof AppointmentRequest>) =>
    decision(caseId, 'appointment', body),
  verification: (caseId: string, outcome: z.input<typeof VerificationOutcome>['outcome']) =>
    decision(caseId, 'verification', { outcome }),
  bureauSubmission: (caseId: string, body: z.input<typeof BureauSubmission>) =>
    decision(caseId, 'bureau-submission', body),
  smsVerification: (caseId: string, body: z.input<typeof SmsVerification>) =>
    request<CaseView>('POST', `/officer/cases/${enc(caseId)}/sms-verification`, body),
  bureauDecision: (caseId: string, body: z.input<typeof BureauDecision>) =>
    decision(caseId, 'bureau-decision', body),
  providerDocumentUpload: (caseId: string, body: z.input<typeof ProviderDocumentUploadRequest>) =>
    request<PresignedUpload>('POST', `/officer/cases/${enc(caseId)}/provider-documents/uploads`, body),
  attachProviderDocument: (caseId: string, body: z.input<typeof ProviderDocumentAttach>) =>
    request<CaseView>('POST', `/officer/cases/${enc(caseId)}/provider-documents`, body),
  officerProviderDocuments: (caseId: string) =>
    request<ProviderDocumentList>('GET', `/officer/cases/${enc(caseId)}/provider-documents`),

  // supervisor
  overrideDocument: (caseId: string, docType: DocumentType, reason: string) =>
    request<CaseView>('POST', `/supervisor/cases/${enc(caseId)}/documents/${enc(docType)}/override`, {
      reason,
    } satisfies z.input<typeof DocumentOverride>),
  overrideApplication: (caseId: string, code: string, reason: string) =>
    request<CaseView>('POST', `/supervisor/cases/${enc(caseId)}/application-overrides`, {
      code,
      reason,
    } satisfies z.input<typeof ApplicationOverride>),
};

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Posts a file straight to S3 with the presigned form: every field first, the file last as `file`
 * (S3 ignores fields after the file). Reports progress; resolves when S3 answers 2xx.
 */
export function postToS3(
  upload: PresignedUpload,
  file: File,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.url);
    xhr.upload.onprogress = (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new ApiError(xhr.status, s3Error(xhr.status, xhr.responseText)));
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, {
          code: 'UPLOAD_NETWORK',
          message: 'The upload was interrupted. Try again.',
          messageZh: '上传中断，请重试。',
        }),
      );
    xhr.onabort = () =>
      reject(
        new ApiError(0, { code: 'UPLOAD_ABORTED', message: 'Upload cancelled.', messageZh: '已取消上传。' }),
      );
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

function s3Error(status: number, xml: string): Partial<ErrorBody> {
  const code = /<Code>([^<]+)<\/Code>/.exec(xml)?.[1] ?? '';
  if (code === 'EntityTooLarge') {
    return { code: 'FILE_TOO_LARGE', message: 'The file is too large.', messageZh: '文件过大。' };
  }
  if (code === 'AccessDenied' && /expired/i.test(xml)) {
    return {
      code: 'UPLOAD_EXPIRED',
      message: 'The upload link expired. Try again.',
      messageZh: '上传链接已过期，请重试。',
    };
  }
  return {
    code: 'UPLOAD_FAILED',
    message: `The storage service refused the file (HTTP ${status}${code ? `, ${code}` : ''}).`,
    messageZh: `存储服务拒绝了该文件（HTTP ${status}${code ? `，${code}` : ''}）。`,
  };
}
