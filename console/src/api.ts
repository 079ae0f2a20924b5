/**
 * The typed HTTP API client: adds the Bearer token, sends and reads JSON, and turns every error
 * into an ApiError carrying the API's `{ code, message, messageZh, field, issues }` body.
 * Types are the server's own (type-only imports: nothing of the server is bundled).
 */
import type { ApplicationInput } from '../../functions/domain/application.ts';
import type { CaseStatus, HumanStep } from '../../functions/domain/case-status.ts';
import type {
  ContentType,
  DocumentStatus,
  DocumentType,
  Finding,
} from '../../functions/domain/document-types.ts';
import type { ErrorBody } from '../../functions/domain/errors.ts';
import type { ApplicantType, FilingType } from '../../functions/domain/filing.ts';
import { bearerToken } from './auth.ts';
import { config } from './config.ts';

/** One document as the case reports it: the latest upload's inspection. */
export interface DocumentSummaryView {
  uploadId: string;
  status: DocumentStatus;
  findings: Finding[];
  uploadedAt: string;
  recordedAt?: string;
}

/** A case as the API returns it (the wire shape; the console keeps its own copy of the contract). */
export interface CaseView {
  caseId: string;
  status: CaseStatus;
  filingType: FilingType;
  applicantType: ApplicantType;
  province: string;
  office?: string;
  domains: string[];
  application: unknown;
  requiredDocuments: DocumentType[];
  documents: Partial<Record<DocumentType, DocumentSummaryView>>;
  currentStep?: HumanStep;
  dueDate?: string;
  icpNumber?: string;
  appointment?: { officeId: string; startsAt: string };
  version: number;
  createdAt: string;
  updatedAt: string;
  acceptedOverrides?: string[];
  pendingOverrides?: string[];
  smsVerification?: { completedAt: string; recordedAt: string; note?: string };
  withdrawal?: 'REQUESTED';
}

export interface TimelineEntry {
  at: string;
  event: string;
  by: 'you' | 'officer' | 'system';
  fromStatus?: string;
  toStatus?: string;
  step?: string;
  documents?: string[];
}

export interface AuditEvent {
  caseId: string;
  at: string;
  idempotencyKey: string;
  actor: { subject: string; role: string };
  action: string;
  fromStatus?: string;
  toStatus?: string;
  detail?: Record<string, unknown>;
}

export interface OfficerDocument {
  docType: DocumentType;
  labelZh: string;
  labelEn: string;
  required: boolean;
  status: 'MISSING' | 'PENDING' | 'VALID' | 'INVALID' | 'REJECTED_BY_OFFICER';
  findings: Finding[];
  uploadId?: string;
  uploadedAt?: string;
  downloadUrl?: string;
  /** The type found in the file's content; absent for uploads recorded before it was kept. */
  contentType?: string;
  override?: { by: string; at: string; reason: string };
}

export interface OfficerCaseView {
  case: CaseView;
  documents: OfficerDocument[];
  linksExpireAt: string;
}

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  key: string;
  uploadId: string;
  expiresAt: string;
  maxBytes: number;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface Reason {
  code?: string;
  message: string;
  messageZh: string;
}

export type ReviewBody =
  | { decision: 'APPROVE' }
  | { decision: 'RETURN'; documents: Array<{ docType: DocumentType; reason: Reason }> }
  | { decision: 'REJECT'; reason: { message: string; messageZh: string } };

export interface QueueFilters {
  step: HumanStep;
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
  readonly issues: ErrorBody[];
  constructor(
    readonly status: number,
    body: Partial<ErrorBody> & { issues?: ErrorBody[] },
  ) {
    super(body.message ?? `HTTP ${status}`);
    this.code = body.code ?? `HTTP_${status}`;
    this.messageZh = body.messageZh ?? `请求失败（HTTP ${status}）。`;
    if (body.field) this.field = body.field;
    this.issues = body.issues ?? [];
  }
}

/** Listeners told when the API answers 401 (the session ended): the app asks the user to sign in again. */
const unauthorizedListeners = new Set<() => void>();
export const onUnauthorized = (listener: () => void): (() => void) => {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
};

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
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

export const api = {
  // applicant
  listMyCases: (cursor?: string) =>
    request<Page<CaseView>>('GET', `/cases${cursor ? `?cursor=${enc(cursor)}` : ''}`),
  createCase: (application: ApplicationInput | unknown) => request<CaseView>('POST', '/cases', application),
  editCase: (caseId: string, application: ApplicationInput | unknown) =>
    request<CaseView>('PUT', `/cases/${enc(caseId)}`, application),
  getCase: (caseId: string) => request<CaseView>('GET', `/cases/${enc(caseId)}`),
  submitCase: (caseId: string) => request<CaseView>('POST', `/cases/${enc(caseId)}/submit`),
  withdrawCase: (caseId: string) => request<CaseView>('POST', `/cases/${enc(caseId)}/withdraw`),
  timeline: (caseId: string) => request<{ items: TimelineEntry[] }>('GET', `/cases/${enc(caseId)}/timeline`),
  requestUpload: (caseId: string, docType: DocumentType, contentType: ContentType) =>
    request<PresignedUpload>('POST', `/cases/${enc(caseId)}/uploads`, { docType, contentType }),

  // officer
  queue: (filters: QueueFilters) => {
    const q = new URLSearchParams({ step: filters.step, limit: '50' });
    if (filters.province) q.set('province', filters.province);
    if (filters.office) q.set('office', filters.office);
    if (filters.overdue) q.set('overdue', 'true');
    if (filters.cursor) q.set('cursor', filters.cursor);
    return request<Page<CaseView>>('GET', `/officer/queue?${q.toString()}`);
  },
  officerCase: (caseId: string) => request<OfficerCaseView>('GET', `/officer/cases/${enc(caseId)}`),
  audit: (caseId: string) => request<{ items: AuditEvent[] }>('GET', `/officer/cases/${enc(caseId)}/audit`),
  review: (caseId: string, body: ReviewBody) =>
    request<unknown>('POST', `/officer/cases/${enc(caseId)}/review`, body),
  licenceReview: (
    caseId: string,
    body: { decision: 'APPROVE'; feeYuan: number } | { decision: 'REJECT'; reason: Reason },
  ) => request<unknown>('POST', `/officer/cases/${enc(caseId)}/licence-review`, body),
  appointment: (caseId: string, body: { officeId: string; startsAt: string }) =>
    request<unknown>('POST', `/officer/cases/${enc(caseId)}/appointment`, body),
  verification: (caseId: string, outcome: 'PRESENT' | 'NO_SHOW') =>
    request<unknown>('POST', `/officer/cases/${enc(caseId)}/verification`, { outcome }),
  bureauSubmission: (caseId: string, body: { submittedAt: string; reference?: string }) =>
    request<unknown>('POST', `/officer/cases/${enc(caseId)}/bureau-submission`, body),
  smsVerification: (caseId: string, body: { completedAt?: string; note?: string }) =>
    request<CaseView>('POST', `/officer/cases/${enc(caseId)}/sms-verification`, body),
  bureauDecision: (
    caseId: string,
    body:
      | { decision: 'APPROVE'; icpNumber: string }
      | { decision: 'REJECT'; reason: { message: string; messageZh: string } },
  ) => request<unknown>('POST', `/officer/cases/${enc(caseId)}/bureau-decision`, body),

  // supervisor
  overrideDocument: (caseId: string, docType: DocumentType, reason: string) =>
    request<CaseView>('POST', `/supervisor/cases/${enc(caseId)}/documents/${enc(docType)}/override`, {
      reason,
    }),
  overrideApplication: (caseId: string, code: string, reason: string) =>
    request<CaseView>('POST', `/supervisor/cases/${enc(caseId)}/application-overrides`, { code, reason }),
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
