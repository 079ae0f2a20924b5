/**
 * The API under test, in-process: real dynalite and s3rver (test/support), the dev OIDC issuer served
 * over HTTP (the verifier fetches its JWKS), and a recording fake of the Step Functions boundary
 * (StartExecution, SendTaskSuccess/Failure) until the embedded engine is wired in.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { entityKeyOf } from '#adapters/case-items';
import { createJwtVerifier } from '#adapters/jwt-verifier';
import { TaskGoneError } from '#adapters/workflow-client';
import { createApp } from '#api/app';
import type { ApiDependencies } from '#api/dependencies';
import { DEFAULT_WORKFLOW_SETTINGS } from '#api/dependencies';
import type { StartExecutionInput } from '#api/workflow-starter';
import type { ApplicationInput } from '#domain/application';
import type { CaseRecord } from '#domain/case-record';
import type { CaseStatus, HumanStep } from '#domain/case-status';
import { createDevIssuer, type DevIssuer } from '#stack/dev-issuer';
import { recordApprovedFiling } from '#workflow/record-approved-filing';
import { startEmulators, type TestEmulators } from '../support/emulators.ts';
import { sampleApplication } from '../support/sample-application.ts';

export const HOSTING_CIDRS = ['203.0.113.0/24', '2001:db8::/32'];
export const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:icp-case';

export interface RecordedSfnCall {
  action: 'StartExecution' | 'SendTaskSuccess' | 'SendTaskFailure';
  token?: string;
  output?: unknown;
  error?: string;
  start?: StartExecutionInput;
}

/** A recording fake of the SFN boundary the API uses. */
export function createRecordingSfn() {
  const calls: RecordedSfnCall[] = [];
  const started = new Map<string, string>();
  const goneTokens = new Set<string>();
  const failing = { count: 0 };
  const maybeFail = (token: string) => {
    if (goneTokens.has(token)) throw new TaskGoneError('TaskDoesNotExist');
    if (failing.count > 0) {
      failing.count -= 1;
      throw new Error('injected Step Functions failure');
    }
  };
  return {
    calls,
    goneTokens,
    failing,
    async startExecution(input: StartExecutionInput) {
      calls.push({ action: 'StartExecution', start: input });
      const json = JSON.stringify(input.input);
      const previous = started.get(input.name);
      started.set(input.name, json);
      return { alreadyStarted: previous !== undefined };
    },
    async sendTaskSuccess(token: string, output: unknown) {
      // A little latency, so concurrent decisions really overlap.
      await new Promise((resolve) => setTimeout(resolve, 5));
      maybeFail(token);
      calls.push({ action: 'SendTaskSuccess', token, output });
    },
    async sendTaskFailure(token: string, error: string) {
      maybeFail(token);
      calls.push({ action: 'SendTaskFailure', token, error });
    },
  };
}
export type RecordingSfn = ReturnType<typeof createRecordingSfn>;

export interface ApiHarness {
  emulators: TestEmulators;
  issuer: DevIssuer;
  otherIssuer: DevIssuer;
  /** The issuer's signing key: another DevIssuer on it signs valid tokens for users of a test's own. */
  keyFile: string;
  /** Same issuer and key, another client id: valid signatures with the wrong audience. */
  wrongAudience: DevIssuer;
  sfn: RecordingSfn;
  deps: ApiDependencies;
  app: ReturnType<typeof createApp>;
  clock: { now: Date };
  token(sub: string): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; as?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests
  ): Promise<{ status: number; body: any; headers: Headers; text: string }>;
  /** Every item of the table (tests may scan; request paths never do). */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

export async function startApiHarness(): Promise<ApiHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'api-test-'));
  const root = new Hono();
  const server = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = await createDevIssuer({
    issuer: `${base}/oidc`,
    clientId: 'icp-console',
    keyFile: join(dir, 'key.json'),
  });
  const [wrongAudience, otherIssuer, emulators] = await Promise.all([
    createDevIssuer({ issuer: `${base}/oidc`, clientId: 'another-app', keyFile: join(dir, 'key.json') }),
    createDevIssuer({ issuer: `${base}/other`, clientId: 'icp-console', keyFile: join(dir, 'other.json') }),
    startEmulators({ sse: 'AES256' }),
  ]);
  root.route('/oidc', issuer.app);
  root.route('/other', otherIssuer.app);
  const sfn = createRecordingSfn();
  const clock = { now: new Date('2026-03-02T02:00:00.000Z') }; // a Monday, 10:00 in Beijing
  const deps: ApiDependencies = {
    store: emulators.store,
    files: emulators.files,
    sfn,
    verifier: createJwtVerifier({
      issuer: issuer.issuer,
      audience: 'icp-console',
      roleClaim: 'cognito:groups',
    }),
    settings: {
      stateMachineArn: STATE_MACHINE_ARN,
      workflow: DEFAULT_WORKFLOW_SETTINGS,
      entityKeySecret: 'test-entity-secret-0123456789',
      hostingCidrs: HOSTING_CIDRS,
      downloadExpirySeconds: 120,
      consoleOrigins: ['http://localhost:5173'],
    },
    now: () => new Date(clock.now),
  };
  const app = createApp(deps);
  const tokens = new Map<string, string>();
  const token = async (sub: string) => {
    let t = tokens.get(sub);
    if (!t) {
      t = await issuer.tokenFor(sub);
      tokens.set(sub, t);
    }
    return t;
  };
  return {
    emulators,
    issuer,
    otherIssuer,
    keyFile: join(dir, 'key.json'),
    wrongAudience,
    sfn,
    deps,
    app,
    clock,
    token,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const bearer = options.token ?? (options.as ? await token(options.as) : undefined);
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      let body: string | undefined;
      if (options.raw !== undefined) body = options.raw;
      else if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
      const response = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON (e.g. /docs)
      }
      return { status: response.status, body: parsed, headers: response.headers, text };
    },
    async snapshot() {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await emulators.db.send(
          new ScanCommand({ TableName: emulators.tableName, ...(start ? { ExclusiveStartKey: start } : {}) }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      items.sort((a, b) => `${a.PK}|${a.SK}`.localeCompare(`${b.PK}|${b.SK}`));
      return JSON.stringify(items);
    },
    async close() {
      server.close();
      await emulators.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// -- fixtures ---------------------------------------------------------------------------------------

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
let sequence = 100;

/** A valid resident ID number (GB 11643) of Beijing Chaoyang (110105), unique per call. */
export function newResidentId(region = '110105', birth = '19900101'): string {
  sequence = sequence >= 999 ? 100 : sequence + 1;
  const body = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * (WEIGHTS[i] as number), 0);
  return `${body}${CHECK[sum % 11]}`;
}

/** A GENERAL filing of a Beijing individual with a fresh ID number, hosted in our ranges. */
export function individualApplication(idNumber = newResidentId()): ApplicationInput {
  return {
    filingType: 'GENERAL',
    applicant: {
      type: 'CHINESE_INDIVIDUAL',
      name: '张伟',
      idNumber,
      idCardProvince: 'BJ',
      address: '北京市朝阳区建国路1号',
      province: 'BJ',
    },
    websites: [
      {
        name: '张伟的摄影作品集',
        domains: [`zw${idNumber.slice(-6).toLowerCase()}.com`],
        ipAddresses: ['203.0.113.10'],
        serverProvince: 'BJ',
        contentCategories: ['PERSONAL'],
      },
    ],
    responsiblePerson: {
      name: '张伟',
      idType: 'RESIDENT_ID',
      idNumber,
      mobile: '13812345678',
      email: 'zhang.wei@example.cn',
      emergencyContact: { name: '李娜', mobile: '13912345678' },
    },
  };
}

/**
 * A company's draft whose credit code fails its checksum (the valid code ends in XG): it is saved
 * with a pending override for a supervisor.
 */
export function businessWithBadCreditCode(idNumber = newResidentId()): ApplicationInput {
  const base = individualApplication(idNumber);
  return {
    ...base,
    applicant: {
      type: 'CHINESE_BUSINESS',
      name: '深圳市兰亭科技有限公司',
      creditCode: '9144030071526726XA',
      legalRepresentative: '李娜',
      entityLeader: { ...base.responsiblePerson, name: '李娜' },
      address: '广东省深圳市南山区科技园1号',
      province: 'GD',
    },
  };
}

/** The path a case takes through the workflow to wait on each step (the workflow's own moves). */
const PATH_TO: Record<HumanStep, CaseStatus[]> = {
  DOCUMENTS: ['SUBMITTED', 'AWAITING_DOCUMENTS'],
  REVIEW: ['SUBMITTED', 'AWAITING_DOCUMENTS', 'CROSS_CHECKING', 'UNDER_REVIEW'],
  LICENCE_REVIEW: ['SUBMITTED', 'AWAITING_DOCUMENTS', 'CROSS_CHECKING', 'UNDER_REVIEW', 'LICENCE_REVIEW'],
  APPOINTMENT: ['SUBMITTED', 'AWAITING_DOCUMENTS', 'CROSS_CHECKING', 'UNDER_REVIEW', 'AWAITING_VERIFICATION'],
  VERIFICATION: [
    'SUBMITTED',
    'AWAITING_DOCUMENTS',
    'CROSS_CHECKING',
    'UNDER_REVIEW',
    'AWAITING_VERIFICATION',
  ],
  BUREAU_SUBMISSION: [
    'SUBMITTED',
    'AWAITING_DOCUMENTS',
    'CROSS_CHECKING',
    'UNDER_REVIEW',
    'AWAITING_VERIFICATION',
    'READY_FOR_BUREAU',
  ],
  SMS_VERIFICATION: [
    'SUBMITTED',
    'AWAITING_DOCUMENTS',
    'CROSS_CHECKING',
    'UNDER_REVIEW',
    'AWAITING_VERIFICATION',
    'READY_FOR_BUREAU',
    'AT_BUREAU',
  ],
  BUREAU_DECISION: [
    'SUBMITTED',
    'AWAITING_DOCUMENTS',
    'CROSS_CHECKING',
    'UNDER_REVIEW',
    'AWAITING_VERIFICATION',
    'READY_FOR_BUREAU',
    'AT_BUREAU',
  ],
};

const SYSTEM = { subject: 'system:test', role: 'system' } as const;

/**
 * A case of `applicant` created through the API, then moved by the store (as the workflow would) to
 * wait on `step`, with the step's task token stored. Returns the case and its token.
 */
/** The appointment the workflow keeps on a case from VERIFICATION on: 09:00 of the harness's Monday. */
export const SEEDED_APPOINTMENT = { officeId: 'BJ', startsAt: '2026-03-02T09:00:00+08:00' } as const;
/** The submission the workflow keeps on a case at the bureau: right after the verification. */
export const SEEDED_SUBMISSION = {
  submittedAt: '2026-03-02T09:00:00+08:00',
  recordedAt: '2026-03-02T01:00:00.000Z',
} as const;

const STEPS_AFTER_BOOKING: readonly HumanStep[] = [
  'VERIFICATION',
  'BUREAU_SUBMISSION',
  'SMS_VERIFICATION',
  'BUREAU_DECISION',
];
const STEPS_AT_BUREAU: readonly HumanStep[] = ['SMS_VERIFICATION', 'BUREAU_DECISION'];

export async function caseWaitingOn(
  h: ApiHarness,
  step: HumanStep,
  options: {
    applicant?: string;
    dueDate?: string;
    province?: string;
    office?: string;
    /** The booked appointment (from VERIFICATION on); SEEDED_APPOINTMENT by default. */
    appointment?: { officeId: 'BJ' | 'SH'; startsAt: string };
    /** The recorded submission (at BUREAU_DECISION); SEEDED_SUBMISSION by default. */
    submission?: { submittedAt: string; recordedAt: string };
    /** The application the case is created with; a fresh individual's by default. */
    application?: ApplicationInput;
  } = {},
): Promise<{ record: CaseRecord; token: string }> {
  const created = await h.call('POST', '/cases', {
    as: options.applicant ?? 'applicant-zhang-wei',
    body: options.application ?? individualApplication(),
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  const caseId = created.body.caseId as string;
  const path = PATH_TO[step];
  for (const [i, to] of path.entries()) {
    await h.deps.store.updateStatus({
      caseId,
      to,
      actor: SYSTEM,
      ...(i === path.length - 1 ? { step, dueDate: options.dueDate ?? '2026-03-04' } : {}),
    });
  }
  // What the workflow keeps on the case by then: the appointment it parked VERIFICATION with, the
  // submission it recorded before parking BUREAU_DECISION.
  if (STEPS_AFTER_BOOKING.includes(step)) {
    const appointment = options.appointment ?? SEEDED_APPOINTMENT;
    await h.deps.store.modifyCase(caseId, (current) => ({
      ...current,
      appointment: { ...appointment },
      office: appointment.officeId,
      ...(STEPS_AT_BUREAU.includes(step)
        ? { submission: { ...(options.submission ?? SEEDED_SUBMISSION) } }
        : {}),
    }));
  }
  const token = `token-${randomUUID()}-${'x'.repeat(40)}`;
  await h.deps.store.putTask({ caseId, step, token });
  const record = await h.deps.store.getCase(caseId);
  if (!record) throw new Error('case vanished');
  return { record, token };
}

/** A case written straight to the store (bench and queue tests: many cases quickly). */
export async function putCaseDirectly(
  h: Pick<ApiHarness, 'deps'>,
  input: { applicant: string; step?: HumanStep; dueDate?: string; office?: 'BJ' | 'SH'; province?: string },
): Promise<string> {
  const caseId = `C-T${randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}`;
  await h.deps.store.createCase({
    caseId,
    applicantSubject: input.applicant,
    entityKey: entityKeyOf('RESIDENT_ID', randomUUID(), 'test-entity-secret-0123456789'),
    applicantType: 'CHINESE_INDIVIDUAL',
    filingType: 'GENERAL',
    province: input.province ?? 'BJ',
    office: input.office ?? 'BJ',
    contact: { name: '张伟', email: 'zhang.wei@example.cn' },
    domains: ['example.com'],
    application: sampleApplication(),
    requiredDocuments: ['APPLICANT_ID_FRONT', 'APPLICANT_ID_BACK'],
    actor: SYSTEM,
  });
  if (input.step) {
    const path = PATH_TO[input.step];
    for (const [i, to] of path.entries()) {
      await h.deps.store.updateStatus({
        caseId,
        to,
        actor: SYSTEM,
        ...(i === path.length - 1 ? { step: input.step, dueDate: input.dueDate ?? '2026-03-04' } : {}),
      });
    }
  }
  return caseId;
}

/** A harness holding one case of `applicant-lanting-tech`: someone else's case to every other user. */
export async function startHarnessWithOthersCase(): Promise<{ h: ApiHarness; othersCase: string }> {
  const h = await startApiHarness();
  const created = await h.call('POST', '/cases', {
    as: 'applicant-lanting-tech',
    body: individualApplication(),
  });
  return { h, othersCase: created.body.caseId as string };
}

/** A GENERAL case of `applicant` approved with `icpNumber`, recorded in the registry as IssueNumber does. */
export async function approvedGeneralCase(h: ApiHarness, applicant: string, icpNumber: string) {
  const { record } = await caseWaitingOn(h, 'BUREAU_DECISION', { applicant });
  const approved = await h.deps.store.updateStatus({
    caseId: record.caseId,
    to: 'APPROVED',
    step: null,
    icpNumber,
    actor: { subject: 'system:workflow', role: 'system' },
  });
  await recordApprovedFiling(h.deps, approved, icpNumber, `IssueNumber#${record.caseId}`, approved.updatedAt);
  return approved;
}
