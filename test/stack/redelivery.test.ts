import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client, newUploadId } from '#adapters/file-store';
import { apiAs, waitUntil } from '#stack/api-client';
import { FREE_PORTS, startLocalStack } from '#stack/local-stack';
import { startS3 } from '#stack/s3';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { sampleDocument } from '#stack/sample-documents';

describe('uploads whose event a crash swallowed', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stack-redelivery-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('are inspected and recorded when the stack starts again', async () => {
    let stack = await startLocalStack({ dataDir, ports: FREE_PORTS });
    let applicant = apiAs(stack.consoleConfig, await stack.tokenFor('applicant-zhang-wei'));
    const { region } = stack.assembly;
    const bucket = stack.assembly.uploadsBucket.name;
    const application = SAMPLE_APPLICATIONS.chineseIndividual;
    const draft = await applicant<{ caseId: string }>('POST', '/cases', application);
    await stack.close();

    // The file lands in S3 while nothing listens (the process died before its event was handled).
    // The strict S3 on its own, signed for by the account root's key (issued at start).
    const s3 = await startS3({
      dataDir: join(dataDir, 's3'),
      buckets: [bucket],
      region,
    });
    const client = createS3Client({
      region,
      endpoint: s3.endpoint,
      credentials: s3.operator,
    });
    const file = sampleDocument('APPLICANT_ID_FRONT', application);
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `cases/${draft.caseId}/APPLICANT_ID_FRONT/${newUploadId()}`,
        Body: file.bytes,
        ContentType: file.contentType,
      }),
    );
    client.destroy();
    await s3.close();

    stack = await startLocalStack({ dataDir, ports: FREE_PORTS });
    try {
      applicant = apiAs(stack.consoleConfig, await stack.tokenFor('applicant-zhang-wei'));
      const recorded = await waitUntil(
        () => applicant<{ documents: Record<string, { status: string }> }>('GET', `/cases/${draft.caseId}`),
        (c) => c.documents.APPLICANT_ID_FRONT?.status === 'VALID',
        'the redelivered upload',
      );
      expect(Object.keys(recorded.documents)).toEqual(['APPLICANT_ID_FRONT']);
    } finally {
      await stack.close();
    }
  });
});
