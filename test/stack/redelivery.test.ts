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
    const file = sampleDocument('APPLICANT_ID_FRONT', application);
    const form = await applicant<{ key: string; uploadId: string }>(
      'POST',
      `/cases/${draft.caseId}/uploads`,
      {
        docType: 'APPLICANT_ID_FRONT',
        contentType: file.contentType,
      },
    );
    await stack.close();

    // The file lands in S3 while nothing listens (the process died before its event was handled),
    // under the form's key and upload id; beside it, one no form was issued for.
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
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: form.key,
        Body: file.bytes,
        ContentType: file.contentType,
        Metadata: { 'upload-id': form.uploadId },
      }),
    );
    const unissued = `cases/${draft.caseId}/APPLICANT_ID_BACK/${newUploadId()}`;
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: unissued,
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
      // The on-upload asset, with its role's IAM from the template, quarantined the other apart.
      const audit = await waitUntil(
        () => stack.store.listAudit(draft.caseId),
        (events) => events.some((e) => e.action === 'UPLOAD_QUARANTINED'),
        'the unissued upload quarantined',
      );
      expect(audit.find((e) => e.action === 'UPLOAD_QUARANTINED')?.detail).toMatchObject({
        docType: 'APPLICANT_ID_BACK',
        reason: 'UPLOAD_ID_MISSING',
      });
      expect(await stack.store.listDocumentVersions(draft.caseId, 'APPLICANT_ID_BACK')).toEqual([]);
      expect(stack.accessDenials()).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});
