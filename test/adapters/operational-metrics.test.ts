/**
 * The custom metrics as CloudWatch reads them: embedded-metric-format documents on stdout. Queue
 * counts carry the Step dimension; a failed send through either transport publishes EmailsFailed and
 * fails as before. Faults come from the transports' own clients only (SES's SDK client stubbed, an
 * SMTP relay that refuses the recipient); the sender code under test is the real one.
 */
import type { AddressInfo } from 'node:net';
import { SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { publishQueueCounts } from '#adapters/cloudwatch-metrics';
import { emailEnv, emailSenderFromConfig } from '#adapters/email/email-from-config';
import {
  METRIC_NAMES,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
  STEP_DIMENSION,
} from '#adapters/operational-metrics';

interface EmfDocument {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [member: string]: unknown;
}

/** The EMF documents written to stdout while `run` runs (Powertools writes one line per document). */
async function emfWrittenBy(run: () => Promise<unknown>): Promise<EmfDocument[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = String(chunk);
    if (text.includes('"_aws"')) {
      lines.push(text);
      return true;
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write);
  try {
    await run();
  } finally {
    vi.mocked(process.stdout.write).mockRestore();
  }
  return lines.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((line) => JSON.parse(line));
}

const message = {
  to: 'li.na@example.cn',
  subject: '测试 Test',
  text: '您好 Hello',
  html: '<p>您好 Hello</p>',
};

/** The one EmailsFailed document CloudWatch would extract: count 1, service dimension, our namespace. */
function expectOneEmailFailed(documents: EmfDocument[]) {
  expect(documents).toHaveLength(1);
  const [document] = documents as [EmfDocument];
  expect(document._aws.CloudWatchMetrics).toEqual([
    {
      Namespace: METRICS_NAMESPACE,
      Dimensions: [['service']],
      Metrics: [{ Name: 'EmailsFailed', Unit: 'Count' }],
    },
  ]);
  expect(document).toMatchObject({ service: METRICS_SERVICE, [METRIC_NAMES.emailsFailed]: 1 });
}

afterEach(() => vi.restoreAllMocks());

describe('queue counts', () => {
  test('publish one document per step with HumanStepsWaiting and HumanStepsPastDue under its Step dimension', async () => {
    const documents = await emfWrittenBy(async () =>
      publishQueueCounts([
        { step: 'REVIEW', waiting: 4, pastDue: 2 },
        { step: 'APPOINTMENT', waiting: 0, pastDue: 0 },
      ]),
    );
    expect(documents).toHaveLength(2);
    for (const document of documents) {
      expect(document._aws.CloudWatchMetrics).toEqual([
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['service', STEP_DIMENSION]],
          Metrics: [
            { Name: METRIC_NAMES.humanStepsWaiting, Unit: 'Count' },
            { Name: METRIC_NAMES.humanStepsPastDue, Unit: 'Count' },
          ],
        },
      ]);
    }
    expect(
      documents.map(({ Step, HumanStepsWaiting, HumanStepsPastDue, service }) => ({
        Step,
        HumanStepsWaiting,
        HumanStepsPastDue,
        service,
      })),
    ).toEqual([
      { Step: 'REVIEW', HumanStepsWaiting: 4, HumanStepsPastDue: 2, service: METRICS_SERVICE },
      { Step: 'APPOINTMENT', HumanStepsWaiting: 0, HumanStepsPastDue: 0, service: METRICS_SERVICE },
    ]);
  });
});

describe('EmailsFailed through SES', () => {
  const sesConfig = () =>
    emailEnv.parse({
      AWS_REGION: 'ap-southeast-1',
      EMAIL_TRANSPORT: 'ses',
      EMAIL_FROM: 'no-reply@example.com',
    });

  test('a send SES refuses publishes EmailsFailed once and rejects with SES’s own error, sent once', async () => {
    const throttled = new TooManyRequestsException({ message: 'Too many requests', $metadata: {} });
    const send = vi.spyOn(SESv2Client.prototype, 'send').mockRejectedValue(throttled as never);
    const sender = await emailSenderFromConfig(sesConfig());

    let rejection: unknown;
    const documents = await emfWrittenBy(() =>
      sender.send(message).catch((error: unknown) => {
        rejection = error;
      }),
    );

    expect(rejection).toBe(throttled); // unchanged: the caller's retry sees what it saw before
    expect(send).toHaveBeenCalledTimes(1); // no retry of its own
    expectOneEmailFailed(documents);
  });

  test('a send SES accepts publishes nothing', async () => {
    vi.spyOn(SESv2Client.prototype, 'send').mockResolvedValue({ MessageId: 'm-1', $metadata: {} } as never);
    const sender = await emailSenderFromConfig(sesConfig());
    expect(await emfWrittenBy(() => sender.send(message))).toEqual([]);
  });
});

describe('EmailsFailed through SMTP', () => {
  /** A relay that refuses every recipient, as one does for a full mailbox or a blocked sender. */
  let relay: SMTPServer;
  let port: number;
  beforeAll(async () => {
    relay = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    port = (relay.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => relay.close(() => resolve())));

  test('a recipient the relay refuses publishes EmailsFailed once and rejects with the relay’s answer', async () => {
    const sender = await emailSenderFromConfig(
      emailEnv.parse({
        EMAIL_TRANSPORT: 'smtp',
        EMAIL_FROM: 'no-reply@example.cn',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(port),
        SMTP_ALLOW_PLAINTEXT: 'true',
      }),
    );

    let rejection: unknown;
    const documents = await emfWrittenBy(() =>
      sender.send(message).catch((error: unknown) => {
        rejection = error;
      }),
    );

    expect(rejection).toBeInstanceOf(Error);
    expect((rejection as { responseCode?: number }).responseCode).toBe(550);
    expectOneEmailFailed(documents);
  });
});
