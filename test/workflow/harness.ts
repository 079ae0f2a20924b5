/**
 * The real case workflow on the embedded engine for one test file: the ASL from statemachines/, the
 * real task functions, dynalite and s3rver, the email outbox with its real sender, and an SMTP
 * capture. Time is a manual clock shared by the engine, the task functions and the sender, so waits
 * of days pass without sleeping.
 *
 * Emails: in AWS and on the local stack the outbox sender runs every minute. Here, by default
 * (`emails: 'after-enqueue'`), a sender run follows each email a task records, so tests read the
 * inbox at the point of the step that caused the email; with `emails: 'on-demand'` the test plays the
 * schedule itself (`runSender`), e.g. to keep the relay down for a while (`smtpDown`, `smtpUp`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { entityKeyOf } from '#adapters/case-items';
import type { EmailSender } from '#adapters/email/email-sender';
import { smtpEmailSender } from '#adapters/email/smtp-email-sender';
import { fixtureRegistrarLookup } from '#adapters/fixture-registrar-lookup';
import { StepFunctionsCallbacks } from '#adapters/workflow-client';
import { type ApplicationInput, applicantKey, applicationSchema } from '#domain/application';
import type { CaseRecord } from '#domain/case-record';
import type { CaseRepository } from '#domain/case-repository';
import type { HumanStep } from '#domain/case-status';
import { chinaDate } from '#domain/china-calendar';
import { requiredDocuments } from '#domain/required-documents';
import { type MailCapture, startMailCapture } from '#stack/mail-capture';
import { LOCAL_HOSTING_CIDRS } from '#stack/sample-applications';
import { localCaseDefinition, localFunctionName } from '#stack/workflow-definition';
import { createEngine, ManualClock } from '#stepfunctions/index';
import { resumeDocumentsIfComplete } from '#workflow/documents-complete';
import { type OutboxRun, sendDueEmails } from '#workflow/outbox-sender';
import { runWorkflowTask, WORKFLOW_TASKS, type WorkflowTaskName } from '#workflow/task-registry';
import type { WorkflowDependencies } from '#workflow/workflow-dependencies';
import { startEmulators } from '../support/emulators.ts';

const ACCOUNT = '000000000000';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const DAY_SECONDS = 86_400;
export const DEFAULT_SETTINGS = {
  documentWaitSeconds: [30 * DAY_SECONDS, 10 * DAY_SECONDS, 5 * DAY_SECONDS],
  maxReviewRounds: 3,
  maxReschedules: 2,
};

export type WorkflowHarness = Awaited<ReturnType<typeof startWorkflowHarness>>;

export interface WorkflowHarnessOptions {
  /** When the outbox sender runs: after each email a task records (default), or when the test says. */
  emails?: 'after-enqueue' | 'on-demand';
}

export async function startWorkflowHarness(options: WorkflowHarnessOptions = {}) {
  const emulators = await startEmulators();
  const dataDir = await mkdtemp(join(tmpdir(), 'workflow-'));
  // On disk, so the inbox outlives a relay taken down and brought back (`smtpDown`, `smtpUp`).
  const mailDir = join(dataDir, 'mail');
  let mail: MailCapture = await startMailCapture({ dataDir: mailDir });
  const smtpPort = mail.port;
  const clock = new ManualClock(Date.now());
  const engine = await createEngine({
    dataDir: join(dataDir, 'engine'),
    clock,
    region: emulators.region,
    accountId: ACCOUNT,
  });
  const server = await engine.listen(0);
  const sfn = new SFNClient({ region: emulators.region, endpoint: server.url, credentials: CREDENTIALS });

  const relay = smtpEmailSender({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    allowPlaintext: true,
    from: 'ICP 备案 <beian@hosting.example>',
  });
  /** What the outbox sender sends through; a test may wrap it (a relay that refuses, counts). */
  const outbox = { email: relay as EmailSender, runs: [] as OutboxRun[] };
  let leases = 0;
  const runSender = async (): Promise<OutboxRun> => {
    const run = await sendDueEmails({
      store: emulators.store,
      email: outbox.email,
      now: () => new Date(clock.now()),
      leaseId: () => `test-lease-${++leases}`,
    });
    outbox.runs.push(run);
    return run;
  };
  // The tasks' store: the emulators' own, with a sender run after each email recorded when asked.
  const enqueueEmail: CaseRepository['enqueueEmail'] = async (email) => {
    const recorded = await emulators.store.enqueueEmail(email);
    if ((options.emails ?? 'after-enqueue') === 'after-enqueue') await runSender();
    return recorded;
  };
  const store: CaseRepository = Object.create(emulators.store, { enqueueEmail: { value: enqueueEmail } });

  const deps: WorkflowDependencies = {
    store,
    callbacks: new StepFunctionsCallbacks(sfn),
    portalUrl: 'http://portal.test',
    hostingCidrs: LOCAL_HOSTING_CIDRS,
    registrars: fixtureRegistrarLookup(),
    now: () => new Date(clock.now()),
  };
  const invocations: WorkflowTaskName[] = [];
  /** Wall time of each task invocation (the cost model turns it into Lambda GB-seconds). */
  const durations: { task: WorkflowTaskName; ms: number }[] = [];
  /** Task invocations under way: a parked step's task has returned once its emails are recorded. */
  let running = 0;
  for (const task of Object.keys(WORKFLOW_TASKS) as WorkflowTaskName[]) {
    engine.registerHandler(localFunctionName(task), async (event: unknown) => {
      invocations.push(task);
      const started = performance.now();
      running += 1;
      try {
        return await runWorkflowTask(task, deps, event);
      } finally {
        running -= 1;
        durations.push({ task, ms: performance.now() - started });
      }
    });
  }
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: 'icp-case',
      definition: localCaseDefinition({ region: emulators.region, accountId: ACCOUNT }),
      roleArn: `arn:aws:iam::${ACCOUNT}:role/icp-case`,
    }),
  );

  let sequence = 0;
  const harness = {
    emulators,
    store: emulators.store,
    /** The SMTP capture (a new one after `smtpUp`, with the earlier messages). */
    get mail() {
      return mail;
    },
    outbox,
    /** One run of the outbox sender at the clock's time, as the schedule would start it. */
    runSender,
    /** Takes the relay down: connections are refused until `smtpUp`. */
    async smtpDown() {
      await mail.close();
    },
    /** Brings the relay back on its port, with every message it had received. */
    async smtpUp() {
      mail = await startMailCapture({ dataDir: mailDir, port: smtpPort });
    },
    clock,
    sfn,
    deps,
    invocations,
    durations,
    stateMachineArn: stateMachineArn as string,

    /** Creates a DRAFT case for an application, as the API does (parsed, required documents, entity lock). */
    async createCase(
      input: ApplicationInput,
      options: { contact?: { name: string; email: string }; entity?: string } = {},
    ) {
      const application = applicationSchema({ today: () => chinaDate(clock.now()) }).parse(input);
      sequence += 1;
      const caseId = `C-TEST-${String(sequence).padStart(4, '0')}-${Math.random().toString(36).slice(2, 8)}`;
      return emulators.store.createCase({
        caseId,
        applicantSubject: `applicant-${sequence}`,
        // Each case its own entity unless a test asks for the applicant's real one (one open case each).
        entityKey: entityKeyOf(
          'KEY',
          options.entity ?? `${applicantKey(application.applicant)}#${caseId}`,
          'test-secret',
        ),
        applicantType: application.applicant.type,
        filingType: application.filingType,
        province: application.applicant.province,
        domains: application.websites.flatMap((w) => w.domains),
        application,
        requiredDocuments: requiredDocuments(application),
        contact: options.contact ?? {
          name: application.responsiblePerson.name,
          email: application.responsiblePerson.email,
        },
        actor: { subject: `applicant-${sequence}`, role: 'applicant' },
        now: new Date(clock.now()),
      });
    },

    /** Submits the case and starts its execution, as the API's submit route does. */
    async submit(caseId: string, settings = DEFAULT_SETTINGS) {
      await emulators.store.updateStatus({
        caseId,
        to: 'SUBMITTED',
        actor: { subject: 'applicant', role: 'applicant' },
        now: new Date(clock.now()),
      });
      await sfn.send(
        new StartExecutionCommand({ stateMachineArn, name: caseId, input: JSON.stringify({ settings }) }),
      );
    },

    /** Polls the case until `predicate` holds (the engine runs asynchronously); fails with the last state. */
    async waitForCase(caseId: string, predicate: (c: CaseRecord) => boolean, what = 'the expected state') {
      let last: CaseRecord | undefined;
      for (let i = 0; i < 500; i++) {
        last = await emulators.store.getCase(caseId);
        if (last && predicate(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`Case ${caseId} never reached ${what}; it is ${last?.status} at ${last?.currentStep}`);
    },

    /**
     * Waits until the workflow is parked on `step` (its token stored and open); with `after`, until
     * it is parked there again with a new token (a re-entered wait, whose timeout is then armed).
     */
    async waitForStep(caseId: string, step: HumanStep, after?: { token: string }) {
      await harness.waitForCase(caseId, (c) => c.currentStep === step, `step ${step}`);
      for (let i = 0; i < 500; i++) {
        const task = await emulators.store.getTask(caseId, step);
        // The task that parked the step returns after its email (recorded, and sent when the sender
        // follows each email): the inbox is up to date once no task runs.
        if (task?.taskState === 'OPEN' && task.token !== after?.token && running === 0) return task;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`No open ${step} task for ${caseId}`);
    },

    /** An officer's (or the applicant's) decision on a parked step, delivered as the API delivers it. */
    async decide(caseId: string, step: HumanStep, output: unknown) {
      await harness.waitForStep(caseId, step);
      await harness.advance(60);
      const claimant = `test:${step}:${Math.random()}`;
      const task = await emulators.store.claimTask(caseId, step, claimant);
      if (!task) throw new Error(`The ${step} task of ${caseId} is not open`);
      await deps.callbacks.sendTaskSuccess(task.token, output);
      await emulators.store.completeTask(caseId, step, claimant);
    },

    /** The applicant withdraws: the pending step fails with Case.Withdrawn. */
    async withdraw(caseId: string, step: HumanStep) {
      await harness.waitForStep(caseId, step);
      await harness.advance(60);
      const task = await emulators.store.claimTask(caseId, step, 'test:withdraw');
      if (!task) throw new Error(`The ${step} task of ${caseId} is not open`);
      await deps.callbacks.sendTaskFailure(task.token, 'Case.Withdrawn', 'The applicant withdrew the case.');
      await emulators.store.completeTask(caseId, step, 'test:withdraw');
    },

    /** Marks every required document VALID, as the on-upload handler does after inspection. */
    async uploadAllDocuments(caseId: string) {
      const record = await emulators.store.getCase(caseId);
      if (!record) throw new Error(`no case ${caseId}`);
      const at = new Date(clock.now()).toISOString();
      for (const docType of record.requiredDocuments) {
        await emulators.store.applyDocumentSummary(caseId, docType, {
          uploadId: `u-${docType}-${Math.random().toString(36).slice(2, 8)}`,
          key: `cases/${caseId}/${docType}/x`,
          status: 'VALID',
          findings: [],
          uploadedAt: at,
          recordedAt: at,
        });
      }
    },

    /** The applicant uploads every required document and the workflow moves on to the cross-check. */
    async completeDocuments(caseId: string) {
      await harness.waitForStep(caseId, 'DOCUMENTS');
      await harness.advance(60);
      await harness.uploadAllDocuments(caseId);
      const outcome = await resumeDocumentsIfComplete(emulators.store, deps.callbacks, caseId);
      if (outcome !== 'resumed')
        throw new Error(`documents of ${caseId} did not resume the workflow: ${outcome}`);
    },

    async execution(caseId: string) {
      return sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${stateMachineArn?.replace(':stateMachine:', ':execution:')}:${caseId}`,
        }),
      );
    },

    async waitForExecution(caseId: string) {
      for (let i = 0; i < 500; i++) {
        const execution = await harness.execution(caseId);
        if (execution.status !== 'RUNNING') return execution;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`The execution of ${caseId} is still running`);
    },

    async history(caseId: string): Promise<HistoryEvent[]> {
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(
          new GetExecutionHistoryCommand({
            executionArn: `${stateMachineArn?.replace(':stateMachine:', ':execution:')}:${caseId}`,
            ...(nextToken ? { nextToken } : {}),
          }),
        );
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return events;
    },

    /** Subjects of the mail sent to an address, oldest first. */
    subjects(address: string) {
      return mail.inbox(address).map((m) => m.subject);
    },

    /** Moves time forward by `seconds`, firing the engine's timers (waits, timeouts) that fall due. */
    async advance(seconds: number) {
      await clock.advance(seconds * 1000);
    },

    async close() {
      sfn.destroy();
      await engine.close();
      await mail.close().catch(() => undefined);
      await emulators.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
