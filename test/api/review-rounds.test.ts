import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '#domain/case-record';
import type { DocumentType } from '#domain/document-types';
import { type ApiHarness, caseWaitingOn, startApiHarness } from './harness.ts';

const OFFICER = 'officer-wang-fang';

const summary = (uploadId: string, uploadedAt: string): DocumentSummary => ({
  uploadId,
  key: `uploads/${uploadId}`,
  status: 'VALID',
  findings: [],
  uploadedAt,
  recordedAt: uploadedAt,
  contentType: 'application/pdf',
});

describe('review rounds', () => {
  let h: ApiHarness;
  let caseId: string;
  let required: DocumentType[];
  beforeAll(async () => {
    h = await startApiHarness();
    const { record } = await caseWaitingOn(h, 'REVIEW');
    caseId = record.caseId;
    required = record.requiredDocuments;
    for (const docType of required) {
      await h.deps.store.applyDocumentSummary(
        caseId,
        docType,
        summary(`${docType}-1`, '2026-03-01T01:00:00.000Z'),
      );
    }
  }, 60_000);
  afterAll(() => h?.close());

  const view = async () => (await h.call('GET', `/officer/cases/${caseId}`, { as: OFFICER })).body;

  it('starts at round 1 with nothing carried forward', async () => {
    expect((await view()).reviewRound).toEqual({ round: 1, carriedForward: [], changed: [] });
  });

  it('in round 2 carries forward the approvals of documents not uploaded again, and names the changed one', async () => {
    const returned = await h.call('POST', `/officer/cases/${caseId}/review`, {
      as: OFFICER,
      body: {
        decision: 'RETURN',
        documents: [
          {
            docType: 'DOMAIN_CERTIFICATE',
            reason: { code: 'NOT_LEGIBLE', message: 'The scan is blurred.', messageZh: '扫描件模糊。' },
          },
        ],
      },
    });
    expect(returned.status, returned.text).toBe(202);
    // The applicant uploads the returned document again; the workflow waits on review again.
    await h.deps.store.applyDocumentSummary(
      caseId,
      'DOMAIN_CERTIFICATE',
      summary('DOMAIN_CERTIFICATE-2', '2026-03-02T03:00:00.000Z'),
    );
    await h.deps.store.putTask({ caseId, step: 'REVIEW', token: `token-round-2-${'x'.repeat(40)}` });
    const round = (await view()).reviewRound;
    expect(round.round).toBe(2);
    expect(round.changed).toEqual(['DOMAIN_CERTIFICATE']);
    expect([...round.carriedForward].sort()).toEqual(
      required.filter((d) => d !== 'DOMAIN_CERTIFICATE').sort(),
    );
  });

  it('counts an approved document the applicant replaced anyway as changed', async () => {
    const other = required.find((d) => d !== 'DOMAIN_CERTIFICATE') as DocumentType;
    await h.deps.store.applyDocumentSummary(caseId, other, summary(`${other}-2`, '2026-03-02T04:00:00.000Z'));
    const round = (await view()).reviewRound;
    expect([...round.changed].sort()).toEqual(['DOMAIN_CERTIFICATE', other].sort());
    expect(round.carriedForward).not.toContain(other);
  });
});
