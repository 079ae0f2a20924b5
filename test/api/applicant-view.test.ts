/**
 * The applicant's view of a case leaves out what is written for staff (issue 17): the automatic
 * check's notes that an officer will read a file by hand, a supervisor's override reason, the
 * officer's SMS-check note. Officers still see all of it. The officer's return reason reaches the
 * applicant, marked as the officer's (`source: OFFICER`), so the page lists it apart from the
 * automatic findings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRegistrarLookup } from '#adapters/fixture-registrar-lookup';
import type { Finding } from '#domain/document-types';
import { returnDocuments } from '#workflow/return-documents';
import { type ApiHarness, caseWaitingOn, startApiHarness } from './harness.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
}, 30_000);
afterAll(() => h.close());

const ZHANG = 'applicant-zhang-wei';
const OFFICER = 'officer-wang-fang';

const manualCheck: Finding = {
  code: 'MANUAL_CHECK_NEEDED',
  severity: 'WARNING',
  message: 'Website Verification Form is an image or a scan without text; an officer will read it.',
  messageZh: '网站备案信息真实性核验单为图片或扫描件，将由审核人员人工核对。',
};

const summary = (caseId: string, docType: string, findings: Finding[]) => ({
  uploadId: '0000000000000000000000000007',
  key: `cases/${caseId}/${docType}/0000000000000000000000000007`,
  status: 'VALID' as const,
  contentType: 'application/pdf',
  findings,
  uploadedAt: '2026-03-01T00:00:00.000Z',
  recordedAt: '2026-03-01T00:00:01.000Z',
});

const codesOf = (document: { findings: Finding[] }) => document.findings.map((f) => f.code);

describe('the applicant’s view of a case', () => {
  it('leaves out findings meant for staff; the officer’s view keeps them', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW');
    await h.deps.store.applyDocumentSummary(
      record.caseId,
      'WEBSITE_VERIFICATION_FORM',
      summary(record.caseId, 'WEBSITE_VERIFICATION_FORM', [manualCheck]),
    );

    const own = await h.call('GET', `/cases/${record.caseId}`, { as: ZHANG });
    expect(own.status).toBe(200);
    expect(codesOf(own.body.documents.WEBSITE_VERIFICATION_FORM)).toEqual([]);
    expect(own.text).not.toContain('MANUAL_CHECK_NEEDED');
    expect(own.text).not.toContain('人工核对');
    const list = await h.call('GET', '/cases', { as: ZHANG });
    const listed = list.body.items.find((c: { caseId: string }) => c.caseId === record.caseId);
    expect(codesOf(listed.documents.WEBSITE_VERIFICATION_FORM)).toEqual([]);

    const officer = await h.call('GET', `/officer/cases/${record.caseId}`, { as: OFFICER });
    const form = officer.body.documents.find(
      (d: { docType: string }) => d.docType === 'WEBSITE_VERIFICATION_FORM',
    );
    expect(codesOf(form)).toEqual(['MANUAL_CHECK_NEEDED']);
  });

  it('shows the officer’s return reason, marked as the officer’s, without the note about a check by hand', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW');
    await h.deps.store.applyDocumentSummary(
      record.caseId,
      'WEBSITE_VERIFICATION_FORM',
      summary(record.caseId, 'WEBSITE_VERIFICATION_FORM', [manualCheck]),
    );
    // The workflow's own task, as the state machine runs it after the officer's RETURN decision.
    await returnDocuments(
      {
        store: h.deps.store,
        callbacks: h.sfn,
        portalUrl: 'http://portal.test',
        hostingCidrs: [],
        registrars: fixtureRegistrarLookup(),
        now: () => new Date(h.clock.now),
      },
      {
        caseId: record.caseId,
        idempotencyKey: `return-${record.caseId}`,
        documents: [
          {
            docType: 'WEBSITE_VERIFICATION_FORM',
            reason: { code: 'NOT_SIGNED', message: 'Not signed.', messageZh: '缺少签字。' },
          },
        ],
        roundsLeft: 2,
      },
    );

    const own = await h.call('GET', `/cases/${record.caseId}`, { as: ZHANG });
    const form = own.body.documents.WEBSITE_VERIFICATION_FORM;
    expect(form.status).toBe('REJECTED_BY_OFFICER');
    expect(form.findings).toEqual([
      {
        code: 'NOT_SIGNED',
        severity: 'ERROR',
        message: 'Not signed.',
        messageZh: '缺少签字。',
        source: 'OFFICER',
      },
    ]);
  });

  it('leaves out a supervisor’s override (reason, author, earlier findings) and the officer’s SMS note', async () => {
    const { record } = await caseWaitingOn(h, 'BUREAU_DECISION');
    await h.deps.store.applyDocumentSummary(record.caseId, 'APPLICANT_ID_FRONT', {
      ...summary(record.caseId, 'APPLICANT_ID_FRONT', []),
      override: {
        by: 'supervisor-liu-yang',
        at: '2026-03-01T01:00:00.000Z',
        reason: 'Internal: the card is fine, scanner glare only.',
        previousStatus: 'INVALID',
        previousFindings: [manualCheck],
      },
    });
    await h.deps.store.modifyCase(record.caseId, (current) => ({
      ...current,
      smsVerification: {
        completedAt: '2026-03-02T01:00:00.000Z',
        recordedAt: '2026-03-02T01:00:00.000Z',
        note: 'Internal: applicant answered on the second try.',
      },
    }));

    const own = await h.call('GET', `/cases/${record.caseId}`, { as: ZHANG });
    expect(own.status).toBe(200);
    expect(own.body.documents.APPLICANT_ID_FRONT.status).toBe('VALID');
    expect(own.body.documents.APPLICANT_ID_FRONT.override).toBeUndefined();
    expect(own.body.smsVerification).toEqual({
      completedAt: '2026-03-02T01:00:00.000Z',
      recordedAt: '2026-03-02T01:00:00.000Z',
    });
    expect(own.text).not.toContain('Internal:');
    expect(own.text).not.toContain('supervisor-liu-yang');

    const officer = await h.call('GET', `/officer/cases/${record.caseId}`, { as: OFFICER });
    expect(officer.text).toContain('scanner glare only');
    expect(officer.body.case.smsVerification.note).toBe('Internal: applicant answered on the second try.');
  });
});
