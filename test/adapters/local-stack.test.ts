import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { entityKeyOf } from '#adapters/case-items';
import { createDocumentClient } from '#adapters/dynamo-client';
import { resetConfigCache } from '#config';
import { issueUpload } from '#documents/upload-binding';
import { handler } from '#handlers/events/on-upload';
import { LOCAL_CREDENTIALS, startDynamo } from '#stack/dynamodb';
import { png } from '../fixtures/generate.ts';
import { startEmulators, type TestEmulators } from '../support/emulators.ts';
import { sampleApplication } from '../support/sample-application.ts';
import { collectEvents, postUpload } from '../support/uploads.ts';

describe('emulator starters', () => {
  test('dynalite on disk keeps its data across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dynalite-'));
    try {
      let dynamo = await startDynamo({ dataDir: dir });
      let db = createDocumentClient({
        region: 'us-east-1',
        endpoint: dynamo.endpoint,
        credentials: LOCAL_CREDENTIALS,
      });
      await db.send(
        new PutCommand({ TableName: dynamo.tableName, Item: { PK: 'CASE#x', SK: 'CASE', v: 1 } }),
      );
      db.destroy();
      await dynamo.close();
      dynamo = await startDynamo({ dataDir: dir });
      db = createDocumentClient({
        region: 'us-east-1',
        endpoint: dynamo.endpoint,
        credentials: LOCAL_CREDENTIALS,
      });
      const { Item } = await db.send(
        new GetCommand({ TableName: dynamo.tableName, Key: { PK: 'CASE#x', SK: 'CASE' } }),
      );
      expect(Item).toMatchObject({ v: 1 });
      db.destroy();
      await dynamo.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the Lambda entry point', () => {
  let emulators: TestEmulators;
  const saved = { ...process.env };
  beforeAll(async () => {
    emulators = await startEmulators();
    Object.assign(process.env, emulators.env, { SFN_ENDPOINT: 'http://127.0.0.1:9', LOG_LEVEL: 'ERROR' });
    resetConfigCache();
  });
  afterAll(async () => {
    process.env = saved;
    resetConfigCache();
    await emulators.close();
  });

  test('wires the adapters from the environment and records the upload', async () => {
    const record = await emulators.store.createCase({
      caseId: `c-${randomUUID().slice(0, 12)}`,
      applicantSubject: 'u1',
      entityKey: entityKeyOf('PASSPORT', randomUUID(), 'test-secret-0123456789'),
      applicantType: 'FOREIGN_INDIVIDUAL',
      filingType: 'GENERAL',
      province: 'SH',
      contact: { name: 'Alex', email: 'alex@example.com' },
      application: sampleApplication(),
      requiredDocuments: ['PASSPORT'],
      actor: { subject: 'u1', role: 'applicant' },
    });
    const collector = collectEvents(emulators.s3);
    const form = await issueUpload(emulators, {
      caseId: record.caseId,
      docType: 'PASSPORT',
      contentType: 'image/png',
      requestedBy: { subject: 'u1', role: 'applicant' },
    });
    await postUpload(form, png(1000, 700));
    const [event] = await collector.waitFor(1);
    collector.stop();
    const context = { functionName: 'on-upload', awsRequestId: 'req-1' } as Context;
    const result = await handler(event as NonNullable<typeof event>, context);
    expect(result).toMatchObject({ outcome: 'recorded', status: 'VALID' });
    expect((await emulators.store.getCase(record.caseId))?.documents.PASSPORT?.status).toBe('VALID');
  });
});
