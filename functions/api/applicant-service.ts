/**
 * What applicants do with their cases: create and edit drafts, ask for upload forms, submit and
 * withdraw. Each function loads the case, checks ownership (someone else's case is "not found"),
 * and throws DomainErrors that the app maps to HTTP once.
 */

import { entityKeyOf } from '#adapters/case-items';
import type { PresignedUpload } from '#adapters/file-store';
import type { Principal } from '#adapters/jwt-verifier';
import { TaskGoneError } from '#adapters/workflow-client';
import { issueUpload } from '#documents/upload-binding';
import { type Application, applicantKey, applicationSchema } from '#domain/application';
import type { Actor, CaseRecord } from '#domain/case-record';
import { isWaitingOnPeople, TERMINAL_STATUSES } from '#domain/case-status';
import { chinaDate } from '#domain/china-calendar';
import type { ContentType, DocumentType } from '#domain/document-types';
import { checkEligibility, type KnownFiling } from '#domain/eligibility';
import { isOverridable } from '#domain/error-catalogue';
import { type CodedErrorBody, caseNotFound, DomainError, errorBody } from '#domain/errors';
import { knownFilingsFor } from '#domain/known-filings';
import { provinceByCode } from '#domain/provinces';
import { uniqueReasons } from '#domain/registry-eligibility';
import { requiredDocuments } from '#domain/required-documents';
import { fromZodError, overridableCodes } from '#domain/zod-errors';
import { newCaseId } from './case-id.ts';
import type { ApiDependencies } from './dependencies.ts';
import { apiError, IssuesError } from './errors.ts';
import { openCaseError, registryReasons } from './filings-service.ts';
import { noticeOverrideRequest } from './override-notices.ts';

const actorOf = (principal: Principal): Actor => ({ subject: principal.subject, role: 'applicant' });

/** The applicant's own case; another applicant's case is reported as not found. */
export async function loadOwnCase(deps: ApiDependencies, principal: Principal, caseId: string) {
  const record = (await deps.store.getCase(caseId)) as CaseRecord | undefined;
  if (!record || record.applicantSubject !== principal.subject) throw caseNotFound();
  return record;
}

/**
 * Parses the application. A draft whose only problems are overridable (a checksum on a real but odd
 * credit code, a TLD not yet on the dated list) is still saved: it is parsed again with those codes
 * accepted, and the codes are returned as pending — submit waits until a supervisor accepts them.
 */
export function parseApplication(
  input: unknown,
  options: { today: string; acceptedOverrides: readonly string[] },
): { application: Application; pendingOverrides: string[] } {
  const first = applicationSchema({
    forNewCase: true,
    today: () => options.today,
    acceptedOverrides: options.acceptedOverrides,
  }).safeParse(input);
  if (first.success) return { application: first.data, pendingOverrides: [] };
  const issues = fromZodError(first.error, input);
  const overridable = overridableCodes(first.error);
  if (overridable.length === first.error.issues.length) {
    const pending = [...new Set(overridable)];
    const second = applicationSchema({
      forNewCase: true,
      today: () => options.today,
      acceptedOverrides: [...options.acceptedOverrides, ...pending],
    }).safeParse(input);
    if (second.success) return { application: second.data, pendingOverrides: pending };
  }
  throw new IssuesError(
    errorBody('VALIDATION', { message: 'The application is not valid.', messageZh: '申请信息不正确。' }),
    issues,
  );
}

/**
 * Refuses (422 with every reason) an application that fails a rule no supervisor may accept. When
 * every reason is overridable (a licence prerequisite a pilot zone lifts), returns their codes: the
 * draft is saved with them pending, as for an overridable validation.
 */
function assertEligible(
  deps: ApiDependencies,
  application: Application,
  today: string,
  known: KnownFiling[],
  accepted: readonly string[],
  fromRegistry: CodedErrorBody[] = [],
): string[] {
  const result = checkEligibility(application, {
    today,
    providerAddressRanges: deps.settings.hostingCidrs,
    // The store's entity lock enforces one open case per entity (OPEN_CASE_EXISTS → 409).
    openCaseApplicantKeys: [],
    knownFilings: known,
    acceptedOverrides: accepted,
  });
  const reasons = uniqueReasons([...result.reasons, ...fromRegistry]);
  if (reasons.some((reason) => !isOverridable(reason.code))) {
    throw new IssuesError(errorBody('NOT_ELIGIBLE'), reasons);
  }
  return [...new Set(reasons.map((reason) => reason.code))];
}

/** The applicant entity's opaque key (HMAC of `applicantKey`'s type and number). */
export function entityKeyFor(application: Application, secret: string): string {
  const key = applicantKey(application.applicant);
  const colon = key.indexOf(':');
  return entityKeyOf(key.slice(0, colon), key.slice(colon + 1), secret);
}

/**
 * The verification office a case starts with, for the officer queue's office filter: Shanghai for
 * the east, centre and south (GB region prefixes 3–5), Beijing for the rest. Booking the appointment
 * sets the real one.
 */
export function defaultOffice(province: Application['applicant']['province']): 'BJ' | 'SH' {
  const prefix = provinceByCode(province).gbCode[0];
  return prefix === '3' || prefix === '4' || prefix === '5' ? 'SH' : 'BJ';
}

const caseFacts = (application: Application) => ({
  applicantType: application.applicant.type,
  filingType: application.filingType,
  province: application.applicant.province,
  domains: [...new Set(application.websites.flatMap((site) => site.domains))],
  requiredDocuments: requiredDocuments(application),
});

/**
 * The application parsed and held against the eligibility rules and the registry (422 with every reason
 * that no supervisor may accept), with the overridable failures still waiting on a supervisor besides
 * those `accepted`. The registry is read for `entityKey` (a draft's own), or the application's entity.
 */
async function checkApplication(
  deps: ApiDependencies,
  body: unknown,
  today: ReturnType<typeof chinaDate>,
  accepted: NonNullable<CaseRecord['acceptedOverrides']>,
  entityKey?: string,
) {
  const parsed = parseApplication(body, { today, acceptedOverrides: accepted });
  const { application } = parsed;
  const key = entityKey ?? entityKeyFor(application, deps.settings.entityKeySecret);
  const pendingOverrides = [
    ...parsed.pendingOverrides,
    ...assertEligible(
      deps,
      application,
      today,
      await knownFilingsFor(deps.store, application),
      [...accepted, ...parsed.pendingOverrides],
      await registryReasons(deps, application, key),
    ),
  ];
  return { application, entityKey: key, pendingOverrides };
}

/** Creates a DRAFT case after validation and the eligibility rules (422 with every reason when not). */
export async function createDraft(
  deps: ApiDependencies,
  principal: Principal,
  body: unknown,
): Promise<CaseRecord> {
  const now = deps.now();
  const { application, entityKey, pendingOverrides } = await checkApplication(deps, body, chinaDate(now), []);
  const facts = caseFacts(application);
  const record = await deps.store
    .createCase({
      caseId: newCaseId(now),
      applicantSubject: principal.subject,
      entityKey,
      ...facts,
      office: defaultOffice(facts.province),
      contact: {
        name: principal.name ?? application.applicant.name,
        email: principal.email ?? application.responsiblePerson.email,
      },
      application,
      actor: actorOf(principal),
      now,
    })
    .catch(async (error: unknown) => {
      if (error instanceof DomainError && error.code === 'OPEN_CASE_EXISTS') {
        throw await openCaseError(deps, principal, error);
      }
      throw error;
    });
  if (pendingOverrides.length === 0) return record;
  const waiting = (await deps.store.modifyCase(
    record.caseId,
    (current) => ({ ...current, pendingOverrides }) as CaseRecord,
    { now },
  )) as CaseRecord;
  await noticeOverrideRequest(deps, undefined, waiting, actorOf(principal));
  return waiting;
}

/** Replaces a DRAFT's application (the applicant entity itself cannot change: withdraw and start anew). */
export async function editDraft(
  deps: ApiDependencies,
  principal: Principal,
  caseId: string,
  body: unknown,
): Promise<CaseRecord> {
  const existing = await loadOwnCase(deps, principal, caseId);
  if (existing.status !== 'DRAFT') throw notEditable();
  const now = deps.now();
  const { application, pendingOverrides } = await checkApplication(
    deps,
    body,
    chinaDate(now),
    existing.acceptedOverrides ?? [],
    existing.entityKey,
  );
  if (entityKeyFor(application, deps.settings.entityKeySecret) !== existing.entityKey) {
    throw apiError('ENTITY_CHANGE_NOT_ALLOWED', { field: 'applicant' });
  }
  const facts = caseFacts(application);
  const updated = await deps.store.modifyCase(
    caseId,
    (current) => {
      if (current.status !== 'DRAFT') throw notEditable();
      const next: CaseRecord = { ...current, ...facts, application };
      if (pendingOverrides.length) next.pendingOverrides = pendingOverrides;
      else delete next.pendingOverrides;
      return next;
    },
    { now },
  );
  await deps.store.appendAudit({
    caseId,
    at: now.toISOString(),
    idempotencyKey: `draft-edited-${updated.version}`,
    actor: actorOf(principal),
    action: 'DRAFT_EDITED',
    detail: { version: updated.version },
  });
  await noticeOverrideRequest(deps, existing, updated, actorOf(principal));
  return updated as CaseRecord;
}

const notEditable = () => apiError('CASE_NOT_EDITABLE');

/** A presigned POST for one document of the applicant's own case, recorded as issued before it is returned. */
export async function requestUpload(
  deps: ApiDependencies,
  principal: Principal,
  caseId: string,
  body: { docType: DocumentType; contentType: ContentType },
): Promise<PresignedUpload> {
  const record = await loadOwnCase(deps, principal, caseId);
  if (!record.requiredDocuments.includes(body.docType)) {
    throw apiError('DOCUMENT_NOT_REQUIRED', { field: 'docType' });
  }
  const current = record.documents[body.docType]?.status;
  const reupload =
    (current === 'INVALID' || current === 'REJECTED_BY_OFFICER') && !TERMINAL_STATUSES.has(record.status);
  if (record.status !== 'DRAFT' && record.status !== 'AWAITING_DOCUMENTS' && !reupload) {
    throw apiError('UPLOAD_NOT_ALLOWED');
  }
  return issueUpload(deps, {
    caseId,
    docType: body.docType,
    contentType: body.contentType,
    requestedBy: actorOf(principal),
    now: deps.now(),
  });
}

/**
 * Submits a DRAFT and starts its workflow. Idempotent: a case already submitted is returned as it is
 * (and its execution is started again while the case is still SUBMITTED, in case the first start was
 * lost — a start with the same name and input is a no-op).
 */
export async function submitCase(
  deps: ApiDependencies,
  principal: Principal,
  caseId: string,
): Promise<CaseRecord> {
  let record = await loadOwnCase(deps, principal, caseId);
  if (record.status === 'DRAFT') {
    const pending = (record.pendingOverrides ?? []).filter(
      (code) => !(record.acceptedOverrides ?? []).includes(code),
    );
    if (pending.length > 0) {
      throw apiError('OVERRIDE_REQUIRED', {
        message: `A supervisor must first accept: ${pending.join(', ')}.`,
        messageZh: `需由主管先行确认以下问题：${pending.join('、')}。`,
      });
    }
    record = (await deps.store.updateStatus({
      caseId,
      to: 'SUBMITTED',
      actor: actorOf(principal),
      idempotencyKey: 'submitted',
      retryOnConflict: 3,
      now: deps.now(),
    })) as CaseRecord;
  } else if (record.status === 'WITHDRAWN' && record.lastTransition?.from === 'DRAFT') {
    throw apiError('ILLEGAL_TRANSITION', {
      message: 'The draft was withdrawn.',
      messageZh: '该草稿已撤回。',
      field: 'status',
    });
  }
  if (record.status === 'SUBMITTED') {
    await deps.sfn.startExecution({
      stateMachineArn: deps.settings.stateMachineArn,
      name: caseId,
      input: { settings: deps.settings.workflow },
    });
  }
  return record;
}

/**
 * Withdraws the applicant's case: a draft directly; a case waiting on a step by failing that step's
 * task with `Case.Withdrawn` (the workflow ends the case WITHDRAWN). A case that is already withdrawn
 * is returned as it is.
 */
export async function withdrawCase(
  deps: ApiDependencies,
  principal: Principal,
  caseId: string,
  requestId: string,
): Promise<{ record: CaseRecord; pending: boolean }> {
  const record = await loadOwnCase(deps, principal, caseId);
  if (record.status === 'WITHDRAWN') {
    await deps.store.releaseIfClosed(record); // a repeated request finishes what the first began
    return { record, pending: false };
  }
  if (record.status === 'DRAFT') {
    const updated = await deps.store.updateStatus({
      caseId,
      to: 'WITHDRAWN',
      actor: actorOf(principal),
      idempotencyKey: 'withdrawn',
      retryOnConflict: 3,
      reason: 'The applicant withdrew the draft.',
      now: deps.now(),
    });
    return { record: updated as CaseRecord, pending: false };
  }
  const step = record.currentStep;
  const notWithdrawable = () => apiError('CASE_NOT_WITHDRAWABLE');
  if (!isWaitingOnPeople(record.status) || !step) throw notWithdrawable();
  const claimant = `${principal.subject}:${requestId}`;
  const task = await deps.store.claimTask(caseId, step, claimant, deps.now());
  if (!task) throw notWithdrawable();
  try {
    await deps.sfn.sendTaskFailure(task.token, 'Case.Withdrawn', 'The applicant withdrew the case.');
  } catch (error) {
    if (error instanceof TaskGoneError) {
      await deps.store.completeTask(caseId, step, claimant);
      throw notWithdrawable();
    }
    await deps.store.releaseTask(caseId, step, claimant);
    throw error;
  }
  await deps.store.completeTask(caseId, step, claimant);
  const now = deps.now();
  await deps.store.appendAudit({
    caseId,
    at: now.toISOString(),
    idempotencyKey: `withdraw-${requestId}`,
    actor: actorOf(principal),
    action: 'WITHDRAWAL_REQUESTED',
    fromStatus: record.status,
    detail: { step },
  });
  return { record, pending: true };
}
