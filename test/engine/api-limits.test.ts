/**
 * AWS's request limits over the wire (real SDK client): payload and definition sizes in UTF-8
 * bytes with ValidationException, SendTaskFailure's error/cause lengths, and the request body bound.
 */
import { request } from 'node:http';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, testEngine, until } from './helpers.ts';
import { rejection, type Served, serve } from './sdk.ts';

const KiB = 1024;
const ONE_POINT_ONE_MIB = Math.ceil(1.1 * 1024 * KiB);
const ROLE = 'arn:aws:iam::123456789012:role/test';
const PASS = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

let t: TestEngine;
let s: Served;
afterEach(async () => {
  await s?.close();
  await t?.dispose();
});

/** A JSON document of exactly `bytes` UTF-8 bytes, padded with `fill` (1 or 2 bytes per character). */
function jsonOfBytes(bytes: number, fill: 'a' | 'é' = 'a'): string {
  const frame = Buffer.byteLength('{"s":""}');
  const width = Buffer.byteLength(fill);
  const text = `{"s":"${fill.repeat(Math.floor((bytes - frame) / width))}${'a'.repeat((bytes - frame) % width)}"}`;
  expect(Buffer.byteLength(text)).toBe(bytes);
  return text;
}

/** A valid definition of exactly `bytes` UTF-8 bytes (the padding is its Comment). */
function definitionOfBytes(bytes: number): string {
  const frame = Buffer.byteLength(
    JSON.stringify({ Comment: '', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
  );
  const text = JSON.stringify({
    Comment: 'x'.repeat(bytes - frame),
    StartAt: 'P',
    States: { P: { Type: 'Pass', End: true } },
  });
  expect(Buffer.byteLength(text)).toBe(bytes);
  return text;
}

async function passMachine(name = 'limits'): Promise<string> {
  const sm = await s.client.send(new CreateStateMachineCommand({ name, definition: PASS, roleArn: ROLE }));
  return sm.stateMachineArn as string;
}

describe('execution input: 256 KiB in UTF-8 bytes (StartExecution, StartSyncExecution)', () => {
  it('refuses 256 KiB + 1 byte with ValidationException and runs exactly 256 KiB', async () => {
    t = await testEngine();
    s = await serve(t);
    const stateMachineArn = await passMachine();

    const over = await rejection(
      s.client.send(
        new StartExecutionCommand({ stateMachineArn, name: 'over', input: jsonOfBytes(256 * KiB + 1) }),
      ),
    );
    expect(over.name).toBe('ValidationException');
    expect(over.message).toContain("Value at 'input' failed to satisfy constraint");
    expect(over.message).toContain('less than or equal to 262144');
    // Bytes, not characters: fewer than 256 Ki characters, but more than 256 KiB in UTF-8.
    const wide = jsonOfBytes(256 * KiB + 1, 'é');
    expect(wide.length).toBeLessThan(256 * KiB);
    expect(
      (
        await rejection(
          s.client.send(new StartExecutionCommand({ stateMachineArn, name: 'wide', input: wide })),
        )
      ).name,
    ).toBe('ValidationException');
    expect(
      (
        await rejection(
          s.client.send(
            new StartSyncExecutionCommand({ stateMachineArn, input: jsonOfBytes(256 * KiB + 1) }),
          ),
        )
      ).name,
    ).toBe('ValidationException');

    const atLimit = jsonOfBytes(256 * KiB, 'é');
    const started = await s.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'at', input: atLimit }),
    );
    await t.embedded.engine.waitForExecution(started.executionArn as string);
    const d = await s.client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect([d.status, d.output]).toEqual(['SUCCEEDED', atLimit]);
    const sync = await s.client.send(
      new StartSyncExecutionCommand({ stateMachineArn, input: jsonOfBytes(256 * KiB) }),
    );
    expect(sync.status).toBe('SUCCEEDED');
  });
});

describe('state machine definition: 1 MiB (Create, Update, ValidateStateMachineDefinition)', () => {
  it('refuses 1 MiB + 1 byte with ValidationException and accepts exactly 1 MiB', async () => {
    t = await testEngine();
    s = await serve(t);
    const over = definitionOfBytes(1024 * KiB + 1);
    for (const p of [
      s.client.send(new CreateStateMachineCommand({ name: 'big', definition: over, roleArn: ROLE })),
      s.client.send(new ValidateStateMachineDefinitionCommand({ definition: over })),
    ]) {
      const e = await rejection(p);
      expect(e.name).toBe('ValidationException');
      expect(e.message).toContain("Value at 'definition' failed to satisfy constraint");
      expect(e.message).toContain('less than or equal to 1048576');
    }
    const created = await s.client.send(
      new CreateStateMachineCommand({
        name: 'big',
        definition: definitionOfBytes(1024 * KiB),
        roleArn: ROLE,
      }),
    );
    const update = await rejection(
      s.client.send(
        new UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: over }),
      ),
    );
    expect(update.name).toBe('ValidationException');
  });

  it('refuses a 1.1 MiB definition: the request is over the request size bound (HTTP 413)', async () => {
    t = await testEngine();
    s = await serve(t);
    const e = await rejection(
      s.client.send(
        new CreateStateMachineCommand({
          name: 'huge',
          definition: definitionOfBytes(ONE_POINT_ONE_MIB),
          roleArn: ROLE,
        }),
      ),
    );
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['ValidationException', 413]);
    expect(e.message).toContain('maximum request size');
    // In process (no request body), the definition's own limit refuses it.
    await expect(
      t.call('CreateStateMachine', {
        name: 'huge',
        definition: definitionOfBytes(ONE_POINT_ONE_MIB),
        roleArn: ROLE,
      }),
    ).rejects.toMatchObject({ type: 'ValidationException' });
  });
});

describe('callbacks: SendTaskSuccess output 256 KiB, SendTaskFailure error 256 and cause 32768 characters', () => {
  it('refuses each over its limit with ValidationException, leaving the task waiting, and accepts at the limit', async () => {
    const tokens: string[] = [];
    t = await testEngine({ notify: async (e) => void tokens.push((e as { token: string }).token) });
    s = await serve(t);
    const callback = {
      StartAt: 'Wait',
      States: {
        Wait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    };
    const a = await t.start(callback, {}, 'a');
    const b = await t.start(callback, {}, 'b');
    await until(() => tokens.length === 2);
    const [ta, tb] = tokens as [string, string];

    const output = await rejection(
      s.client.send(new SendTaskSuccessCommand({ taskToken: ta, output: jsonOfBytes(256 * KiB + 1) })),
    );
    expect(output.name).toBe('ValidationException');
    expect(output.message).toContain("Value at 'output'");
    const error = await rejection(
      s.client.send(new SendTaskFailureCommand({ taskToken: tb, error: 'e'.repeat(257) })),
    );
    expect([error.name, error.message]).toEqual([
      'ValidationException',
      expect.stringContaining(
        "Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256",
      ),
    ]);
    const cause = await rejection(
      s.client.send(new SendTaskFailureCommand({ taskToken: tb, cause: 'c'.repeat(32_769) })),
    );
    expect([cause.name, cause.message]).toEqual([
      'ValidationException',
      expect.stringContaining(
        "Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768",
      ),
    ]);
    expect((await t.describe(a)).status).toBe('RUNNING');
    expect((await t.describe(b)).status).toBe('RUNNING');

    const atLimit = jsonOfBytes(256 * KiB);
    await s.client.send(new SendTaskSuccessCommand({ taskToken: ta, output: atLimit }));
    await s.client.send(
      new SendTaskFailureCommand({ taskToken: tb, error: 'e'.repeat(256), cause: 'c'.repeat(32_768) }),
    );
    await t.embedded.engine.waitForExecution(a);
    await t.embedded.engine.waitForExecution(b);
    const da = await t.describe(a);
    expect([da.status, JSON.parse(da.output as string)]).toEqual(['SUCCEEDED', JSON.parse(atLimit)]);
    const db = await t.describe(b);
    expect([db.status, db.error, (db.cause as string).length]).toEqual(['FAILED', 'e'.repeat(256), 32_768]);
  });
});

describe('request body bound', () => {
  /**
   * Streams a StartExecution body of `declared` bytes (or chunked, when undefined) in 64 KiB chunks
   * until the server answers, sending at most `cap` bytes; resolves with the answer (or none).
   */
  function streamBody(url: string, declared: number | undefined, cap: number) {
    return new Promise<{ status?: number; body?: string; sent: number }>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const headers: Record<string, string | number> = {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.StartExecution',
      };
      if (declared !== undefined) headers['content-length'] = declared;
      let sent = 0;
      let answered = false;
      const req = request({ hostname, port, method: 'POST', path: '/', headers }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), sent });
          req.destroy();
        });
      });
      req.on('error', (e) => (answered ? undefined : reject(e)));
      const chunk = Buffer.alloc(64 * KiB, 'x');
      const pump = () => {
        while (!answered && sent < cap) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) resolve({ sent });
      };
      req.once('socket', pump);
    });
  }

  it('answers 413 from a Content-Length over the bound, before the body is sent', async () => {
    t = await testEngine();
    s = await serve(t);
    // Declares 1 GiB, sends at most 64 MiB: only a server that does not wait for the body answers.
    const r = await streamBody(s.url, 1024 * 1024 * KiB, 64 * 1024 * KiB);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body as string)).toMatchObject({ __type: 'ValidationException' });
  });

  it('answers 413 to a chunked body once it passes the bound, without reading it to the end', async () => {
    t = await testEngine();
    s = await serve(t);
    // Chunked (no length) and never ended: the server must refuse it from the bytes received.
    const r = await streamBody(s.url, undefined, 64 * 1024 * KiB);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body as string)).toMatchObject({ __type: 'ValidationException' });
  });
});
