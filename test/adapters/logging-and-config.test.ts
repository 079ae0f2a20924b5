import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { entityKeyOf } from '#adapters/case-items';
import { createSfnClient, StepFunctionsCallbacks } from '#adapters/workflow-client';
import { baseEnv, ConfigError, parseConfig } from '#config';
import { handleObjectCreated } from '#documents/record-upload';
import { issueUpload } from '#documents/upload-binding';
import { createLogger, maskId, redactText } from '../../functions/logger.ts';
import { unicodeTextPdf } from '../fixtures/generate.ts';
import { startEmulators, type TestEmulators } from '../support/emulators.ts';
import { sampleApplication } from '../support/sample-application.ts';
import { collectEvents, postUpload } from '../support/uploads.ts';

const ID = '110101199003071234';

/** Captures what the Powertools logger writes to stdout/stderr. */
function captureOutput() {
  const lines: string[] = [];
  const grab = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(grab as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(grab as typeof process.stderr.write);
  return {
    text: () => lines.join(''),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}

afterEach(() => vi.restoreAllMocks());

describe('masking', () => {
  test('maskId keeps the first 3 and last 2 characters', () => {
    expect(maskId(ID)).toBe('110*************34');
    expect(redactText(`身份证 ${ID}，手机 13812345678`)).toBe('身份证 110*************34，手机 138******78');
  });

  test('log lines never contain an ID number, a phone number or a token in full', () => {
    const capture = captureOutput();
    try {
      const logger = createLogger('test', 'DEBUG');
      logger.info(`checking applicant ${ID}`, {
        idNumber: ID,
        nested: { note: `ID ${ID} and mobile 13812345678` },
        taskToken: 'AAAAKgAAAAIAAAAAAAAAAbcdefghijklmnopqrstuvwxyz0123456789',
      });
      logger.error('failed', new Error(`bad id ${ID}`));
    } finally {
      capture.restore();
    }
    const output = capture.text();
    expect(output).toContain('110*************34');
    expect(output).not.toContain(ID);
    expect(output).not.toContain('13812345678');
    expect(output).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789');
  });
});

describe('on-upload logs', () => {
  let emulators: TestEmulators;
  beforeAll(async () => {
    emulators = await startEmulators();
  });
  afterAll(() => emulators.close());

  test('inspecting a form that contains an ID number logs and stores it masked only', async () => {
    const record = await emulators.store.createCase({
      caseId: `c-${randomUUID().slice(0, 12)}`,
      applicantSubject: 'u1',
      entityKey: entityKeyOf('RESIDENT_ID', ID, 'test-secret-0123456789'),
      applicantType: 'CHINESE_INDIVIDUAL',
      filingType: 'GENERAL',
      province: 'BJ',
      contact: { name: '张三', email: 'z@example.cn' },
      domains: ['example.cn'],
      application: sampleApplication(),
      requiredDocuments: ['SECURITY_COMMITMENT'],
      actor: { subject: 'u1', role: 'applicant' },
    });
    const collector = collectEvents(emulators.s3);
    const form = await issueUpload(emulators, {
      caseId: record.caseId,
      docType: 'SECURITY_COMMITMENT',
      contentType: 'application/pdf',
      requestedBy: { subject: 'u1', role: 'applicant' },
    });
    await postUpload(form, unicodeTextPdf([['信息安全承诺书', `身份证号码：${ID}`]]));
    const [event] = await collector.waitFor(1);
    collector.stop();
    const capture = captureOutput();
    let result: Awaited<ReturnType<typeof handleObjectCreated>>;
    try {
      result = await handleObjectCreated(event as NonNullable<typeof event>, {
        store: emulators.store,
        files: emulators.files,
        callbacks: new StepFunctionsCallbacks(
          createSfnClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
        ),
        logger: createLogger('on-upload', 'DEBUG'),
      });
    } finally {
      capture.restore();
    }
    expect(result.status).toBe('VALID');
    expect(capture.text()).toContain('Upload inspected');
    expect(capture.text()).not.toContain(ID);
    const versions = await emulators.store.listDocumentVersions(record.caseId);
    expect(JSON.stringify(versions)).not.toContain(ID);
    expect(JSON.stringify(versions)).toContain('110*************34');
    expect(JSON.stringify(await emulators.store.listAudit(record.caseId))).not.toContain(ID);
  });
});

describe('config', () => {
  test('a complete environment parses with defaults', () => {
    const config = parseConfig(baseEnv, {
      TABLE_NAME: 't',
      UPLOAD_BUCKET: 'b',
      HOSTING_CIDRS: '203.0.113.0/24, 2001:db8::/32',
    });
    expect(config).toMatchObject({
      UPLOAD_SSE: 'aws:kms',
      UPLOAD_EXPIRY_SECONDS: 600,
      DOWNLOAD_EXPIRY_SECONDS: 120,
      HOSTING_CIDRS: ['203.0.113.0/24', '2001:db8::/32'],
    });
  });

  test('a bad environment fails fast naming every offending variable', () => {
    expect(() => parseConfig(baseEnv, { UPLOAD_EXPIRY_SECONDS: '3600', S3_ENDPOINT: 'nope' })).toThrow(
      ConfigError,
    );
    try {
      parseConfig(baseEnv, { UPLOAD_EXPIRY_SECONDS: '3600', S3_ENDPOINT: 'nope' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['TABLE_NAME', 'UPLOAD_BUCKET', 'UPLOAD_EXPIRY_SECONDS', 'S3_ENDPOINT'])
        expect(message).toContain(name);
    }
  });

  test('handlers extend the base schema with their own variables', () => {
    const apiEnv = baseEnv.extend({ JWT_ISSUER: baseEnv.shape.TABLE_NAME });
    expect(() => parseConfig(apiEnv, { TABLE_NAME: 't', UPLOAD_BUCKET: 'b' })).toThrow(/JWT_ISSUER/);
  });
});
