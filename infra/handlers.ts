import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { OUTBOX_SENDER_MINUTES, QUEUE_METRICS_MINUTES } from '#adapters/operational-metrics';
import type { IndexName } from '#adapters/table-schema';

/**
 * The handler catalogue: every Lambda entry file under functions/handlers with what it may touch.
 * The stateless stack builds one function per entry; test/infra checks this list against the files
 * on disk, so a handler without an entry (or an entry without a file) fails the build.
 *
 * Adding a handler = one entry here. Task handlers (`tasks/<kebab>.ts`) are referenced from the ASL
 * as `${<Pascal>FunctionArn}`; see infra/state-machine-definition.ts.
 */

/** Which key prefixes of the uploads bucket a handler reads, writes or deletes. */
export type UploadPrefix = 'cases/' | 'quarantine/' | 'provider-docs/';

export interface HandlerSpec {
  /** Path from the repository root, e.g. `functions/handlers/events/on-upload.ts`. */
  entry: string;
  description: string;
  /** How the function is invoked; decides its wiring and failure handling. */
  trigger: 'http-api' | 'uploads-created' | 'state-machine-task' | 'schedule';
  /**
   * With trigger `schedule`: the EventBridge schedule expression of its rule (infra/stacks/
   * scheduled-rules.ts), e.g. `rate(15 minutes)`. The local stack runs `rate(...)` expressions only.
   */
  schedule?: string;
  memorySize?: number;
  timeoutSeconds?: number;
  /**
   * DynamoDB access to the case table and its indexes. Scan is never granted. `{ query }`: Query on
   * those indexes and nothing else (no item reads; e.g. counting a queue), plus `update` (UpdateItem)
   * and `append` (PutItem: new items, such as audit events) on the table's items when set.
   */
  table?: 'read' | 'readWrite' | { query: IndexName[]; update?: boolean; append?: boolean };
  /**
   * `list`: s3:ListBucket limited to these prefixes (`s3:prefix`), so that reading a missing key there
   * answers 404 rather than 403 (the on-upload function lists what it reads without saying so).
   */
  bucket?: { read?: UploadPrefix[]; write?: UploadPrefix[]; delete?: UploadPrefix[]; list?: UploadPrefix[] };
  /** Sends email (SES identity in global regions, SMTP secret in China). */
  email?: boolean;
  /** Starts/stops executions and sends task results (the API only). */
  controlsStateMachine?: boolean;
  /**
   * Resumes a parked step with SendTaskSuccess, nothing else: the on-upload handler and the step
   * itself when every required document is already valid (functions/workflow/documents-complete.ts).
   */
  resumesTasks?: boolean;
  /** Needs the applicant-entity HMAC key (one open case per entity). */
  entityKey?: boolean;
  /** OIDC settings for verifying JWTs. */
  verifiesTokens?: boolean;
  env?: Record<string, string>;
  /**
   * Concurrent executions reserved for this function (`ReservedConcurrentExecutions`): both its
   * guaranteed share and its ceiling. Set it for a function that a burst can scale out, so the burst
   * queues (asynchronous invocations wait in Lambda's queue, up to their maximum event age) instead
   * of taking the account's concurrency from the API. Unset: the account's unreserved pool.
   */
  reservedConcurrency?: number;
  /**
   * Raises this function's minified bundle budget above DEFAULT_BUNDLE_BUDGET_KB, with the reason.
   * test/infra/bundle-size.test.ts holds every function to its budget in both partitions.
   */
  bundleBudget?: { kb: number; reason: string };
}

/** The bundle budget of a function (minified, AWS SDK clients included), unless its spec raises it. */
export const DEFAULT_BUNDLE_BUDGET_KB = 500;

export const HANDLERS_DIR = 'functions/handlers';

/** park-human-step alone resumes tasks, and carries the Step Functions client for it. */
const PARK_HUMAN_STEP_EXTRAS: Partial<HandlerSpec> = {
  resumesTasks: true,
  bundleBudget: {
    kb: 560,
    reason:
      'The only task with the Step Functions client (it resumes a DOCUMENTS step at once), on top of what every task carries (TASK_BUDGET); it measured 529 KB in global regions when tasks also carried the SES v2 client (npm run bundle-report).',
  },
};

/** Every workflow task's budget (measured when tasks still sent email: they are smaller now). */
const TASK_BUDGET: HandlerSpec['bundleBudget'] = {
  kb: 600,
  reason:
    'The DynamoDB client with the SDK core, zod (95 KB), Powertools logger (and metrics) and the domain rules with their bilingual error catalogue and email templates (check-eligibility also the public suffix list, ipaddr.js and punycode, the province rules as sourced data, the filing registry and the RDAP registrar lookup); check-eligibility, the largest, measured 570 KB (npm run bundle-report).',
};

export const HANDLERS: HandlerSpec[] = [
  {
    entry: 'functions/handlers/http/api.ts',
    description: 'The HTTP API for applicants, officers and supervisors',
    trigger: 'http-api',
    memorySize: 1024,
    timeoutSeconds: 29,
    table: 'readWrite',
    // Presigned POST for uploads and presigned GET for officers' document links (incl. quarantine).
    // The provider's documents (provider-docs/): presigned POST for officers, a Head and a 16-byte
    // read when one is attached (listing that prefix, so an upload that never arrived is a 404),
    // presigned GET for the applicant.
    bucket: {
      read: ['cases/', 'quarantine/', 'provider-docs/'],
      write: ['cases/', 'provider-docs/'],
      list: ['provider-docs/'],
    },
    controlsStateMachine: true,
    entityKey: true,
    verifiesTokens: true,
    bundleBudget: {
      kb: 940,
      reason:
        'The S3 (presigned POST and GET), DynamoDB and Step Functions clients with the SDK core are about 400 KB, zod about 100 KB, before the routes, the domain rules (with ipaddr.js and punycode, 16 KB, shared with the browser), the bilingual error catalogue, JWT checks and the bilingual email templates (the licence-fee and override emails are queued by the API), staff search and the filing registry; measured 909 KB in China (npm run bundle-report -- --partition aws-cn); going lower means hand-written AWS clients.',
    },
  },
  {
    entry: 'functions/handlers/events/on-upload.ts',
    description: 'Inspects each uploaded document; moves invalid files to quarantine',
    trigger: 'uploads-created',
    memorySize: 1024,
    timeoutSeconds: 60,
    table: 'readWrite',
    // Head/Get the upload (or its quarantined copy after an interrupted run), copy it into
    // quarantine, delete the original.
    bucket: { read: ['cases/', 'quarantine/'], write: ['quarantine/'], delete: ['cases/'] },
    resumesTasks: true,
    // Tells the applicant why a file was refused through the case's outbox: no email access here.
    // A burst of uploads (many applicants at once, a redrive of the dead-letter queue) would
    // otherwise scale out to hundreds of PDF inspections of 1 GB and up to a minute each, taking the
    // account's concurrency from the API. At most 10 run at once; the rest wait in Lambda's
    // asynchronous queue (up to 6 h, then the dead-letter queue), which costs latency, not uploads.
    reservedConcurrency: 10,
    bundleBudget: {
      kb: 2560,
      reason:
        'pdfjs-dist parses every uploaded PDF for encryption, scripts, embedded files and its text: its main module is about 455 KB and its worker, which must be bundled to run in Lambda (functions/documents/pdfjs-node-globals.ts), about 1.2 MB; with the S3, DynamoDB, Step Functions and email clients the bundle measured 2,505 KB.',
    },
  },
  {
    entry: 'functions/handlers/schedule/queue-metrics.ts',
    description: 'Publishes the human steps waiting and past due, per step (CloudWatch metrics)',
    trigger: 'schedule',
    schedule: `rate(${QUEUE_METRICS_MINUTES} minutes)`,
    // COUNT queries on the officers' queues; the metrics go out as log lines (embedded metric format).
    // The dashboard's snapshot of the open cases is one PutItem (functions/workflow/dashboard-snapshot.ts).
    table: { query: ['byQueue'], append: true },
    bundleBudget: {
      kb: 530,
      reason:
        'The DynamoDB client with the SDK core, zod and Powertools, plus the dashboard snapshot (case statistics on the China business-day calendar); measured 505 KB (npm run bundle-report).',
    },
  },
  {
    entry: 'functions/handlers/schedule/send-emails.ts',
    description:
      "Sends the emails due in the cases' outboxes, with retries over a day (docs/email-outbox.md)",
    trigger: 'schedule',
    schedule: `rate(${OUTBOX_SENDER_MINUTES} minute)`,
    // Stops claiming 45 s before its timeout (one SMTP attempt at most); the lease (5 minutes,
    // functions/workflow/outbox-sender.ts) must outlast it, so a running attempt is never doubled.
    timeoutSeconds: 120,
    // The due emails from the byQueue index's OUTBOX partition; claims and outcomes are UpdateItem on
    // the email items, the EMAIL_SENT / EMAIL_FAILED audit events new items. No reads of cases.
    table: { query: ['byQueue'], update: true, append: true },
    email: true, // the one function that talks to SES or the SMTP relay
    bundleBudget: {
      kb: 650,
      reason:
        'The DynamoDB and SES v2 clients (about 270 KB with the SDK core), zod (95 KB), Powertools logger and metrics (31 KB) and every bilingual email template it renders (the bureau, override, presence and filing-change emails among them); measured 621 KB in China (npm run bundle-report -- --partition aws-cn).',
    },
  },
  // Workflow tasks (functions/workflow/lambda-task.ts): the case store, nothing else. Their emails go
  // into the case's outbox (the send-emails function delivers them).
  ...[
    'check-eligibility',
    'cross-check-documents',
    'finish-case',
    'issue-number',
    'mark-failed',
    'park-human-step',
    'record-no-show',
    'record-submission',
    'return-documents',
    'return-from-bureau',
    'send-reminder',
  ].map(
    (name): HandlerSpec => ({
      entry: `functions/handlers/tasks/${name}.ts`,
      description: `Workflow task ${name}`,
      trigger: 'state-machine-task',
      table: 'readWrite',
      bundleBudget: TASK_BUDGET,
      ...(name === 'park-human-step' ? PARK_HUMAN_STEP_EXTRAS : {}),
    }),
  ),
];

/** `functions/handlers/tasks/notify-applicant.ts` → `notify-applicant`. */
export function handlerBaseName(entry: string): string {
  const file = entry.split('/').pop() ?? entry;
  return file.replace(/\.ts$/, '');
}

/** `notify-applicant` → `NotifyApplicant`. */
export function pascalName(kebab: string): string {
  return kebab
    .split(/[-_.]/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}

/** Construct id of a handler's function: `tasks/notify-applicant.ts` → `TasksNotifyApplicantHandler`. */
export function handlerConstructId(spec: Pick<HandlerSpec, 'entry'>): string {
  const folder = spec.entry.split('/').slice(-2, -1)[0] ?? '';
  return `${pascalName(folder)}${pascalName(handlerBaseName(spec.entry))}Handler`;
}

/** The ASL placeholder a task handler fills: `${NotifyApplicantFunctionArn}`. */
export function taskPlaceholder(spec: Pick<HandlerSpec, 'entry'>): string {
  return `${pascalName(handlerBaseName(spec.entry))}FunctionArn`;
}

/** Handler entry files on disk (repository-relative, `/`-separated); test and helper files excluded. */
export function handlerFilesOnDisk(root: string, dir = HANDLERS_DIR): string[] {
  const base = join(root, dir);
  const out: string[] = [];
  const walk = (current: string) => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
        out.push(relative(root, full).split(sep).join('/'));
      }
    }
  };
  walk(base);
  return out.sort();
}

/** `NotifyApplicantFunctionArn` → `functions/handlers/tasks/notify-applicant.ts` (undefined for other names). */
export function taskEntryForPlaceholder(placeholder: string): string | undefined {
  const match = /^([A-Z][A-Za-z0-9]*)FunctionArn$/.exec(placeholder);
  if (!match?.[1]) return undefined;
  const kebab = match[1].replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `${HANDLERS_DIR}/tasks/${kebab}.ts`;
}
