import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTimeline } from '#api/case-views';
import { postUpload } from '../support/uploads.ts';
import {
  type ApiHarness,
  caseWaitingOn,
  individualApplication,
  newResidentId,
  STATE_MACHINE_ARN,
  startApiHarness,
} from './harness.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
}, 30_000);
afterAll(() => h.close());

const ZHANG = 'applicant-zhang-wei';
const LANTING = 'applicant-lanting-tech';

async function createDraft(as = ZHANG, body = individualApplication()) {
  const response = await h.call('POST', '/cases', { as, body });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

describe('applicant routes', () => {
  it('creates a draft with the required documents, contact from the token and no entity key', async () => {
    const draft = await createDraft();
    expect(draft.caseId).toMatch(/^C-[0-9A-Z]{20}$/);
    expect(draft).toMatchObject({
      status: 'DRAFT',
      applicantSubject: ZHANG,
      filingType: 'GENERAL',
      province: 'BJ',
      office: 'BJ',
      contact: { name: '张伟', email: 'zhang.wei@example.cn' },
      requiredDocuments: expect.arrayContaining(['APPLICANT_ID_FRONT', 'WEBSITE_VERIFICATION_FORM']),
    });
    expect(draft.entityKey).toBeUndefined();
    expect(draft.lastTransition).toBeUndefined();
  });

  it('answers 400 with every validation issue, the first one as the body', async () => {
    const body = individualApplication();
    body.responsiblePerson.email = 'not-an-email';
    (body.websites[0] as { ipAddresses: string[] }).ipAddresses = ['999.1.1.1'];
    const response = await h.call('POST', '/cases', { as: ZHANG, body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: expect.any(String), messageZh: expect.any(String) });
    expect(response.body.issues.length).toBeGreaterThanOrEqual(2);
    expect(response.body.issues.map((i: { field: string }) => i.field)).toEqual(
      expect.arrayContaining(['responsiblePerson.email', 'websites.0.ipAddresses.0']),
    );
  });

  it('answers 422 with the reasons when the application is not eligible (a site not hosted here)', async () => {
    const body = individualApplication();
    (body.websites[0] as { ipAddresses: string[] }).ipAddresses = ['198.51.100.7'];
    const response = await h.call('POST', '/cases', { as: ZHANG, body });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'IP_NOT_HOSTED_HERE', field: 'websites.0.ipAddresses.0' });
    expect(response.body.issues).toHaveLength(1);
  });

  it('answers 409 OPEN_CASE_EXISTS for a second open case of the same applicant entity', async () => {
    const id = newResidentId();
    await createDraft(ZHANG, individualApplication(id));
    const again = await h.call('POST', '/cases', { as: ZHANG, body: individualApplication(id) });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('OPEN_CASE_EXISTS');
  });

  it('lists only my cases, newest first, page by page', async () => {
    const mine = [];
    for (let i = 0; i < 3; i += 1) {
      h.clock.now = new Date(h.clock.now.getTime() + 1000);
      mine.push(await createDraft(LANTING));
    }
    const first = await h.call('GET', '/cases?limit=2', { as: LANTING });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.cursor).toEqual(expect.any(String));
    const second = await h.call('GET', `/cases?limit=2&cursor=${encodeURIComponent(first.body.cursor)}`, {
      as: LANTING,
    });
    const ids = [...first.body.items, ...second.body.items].map((c: { caseId: string }) => c.caseId);
    expect(ids).toEqual(mine.map((c) => c.caseId).reverse());
    expect(
      [...first.body.items, ...second.body.items].every(
        (c: { applicantSubject: string }) => c.applicantSubject === LANTING,
      ),
    ).toBe(true);
  });

  it('reads one of my cases', async () => {
    const draft = await createDraft();
    const response = await h.call('GET', `/cases/${draft.caseId}`, { as: ZHANG });
    expect(response.status).toBe(200);
    expect(response.body.caseId).toBe(draft.caseId);
  });

  it('edits a draft: the application, domains and required documents follow', async () => {
    const id = newResidentId();
    const draft = await createDraft(ZHANG, individualApplication(id));
    // Zhang Wei is his own responsible person: his ID card is asked for once, as the applicant's.
    const ownId = [
      'APPLICANT_ID_FRONT',
      'APPLICANT_ID_BACK',
      'DOMAIN_CERTIFICATE',
      'WEBSITE_VERIFICATION_FORM',
      'REGISTRATION_APPLICATION_FORM',
      'SECURITY_COMMITMENT',
    ];
    expect(draft.requiredDocuments).toEqual(ownId);
    const body = individualApplication(id);
    (body.websites[0] as { domains: string[] }).domains = ['zhangwei-photos.cn', 'zhangwei-photos.com'];
    // Someone else becomes the website's responsible person: their ID card is now required too.
    body.responsiblePerson = { ...body.responsiblePerson, name: '李娜', idNumber: newResidentId() };
    const response = await h.call('PUT', `/cases/${draft.caseId}`, { as: ZHANG, body });
    expect(response.status, response.text).toBe(200);
    expect(response.body.domains).toEqual(['zhangwei-photos.cn', 'zhangwei-photos.com']);
    expect(response.body.application.responsiblePerson.name).toBe('李娜');
    const withResponsiblePerson = [
      'APPLICANT_ID_FRONT',
      'APPLICANT_ID_BACK',
      'RESPONSIBLE_PERSON_ID_FRONT',
      'RESPONSIBLE_PERSON_ID_BACK',
      'DOMAIN_CERTIFICATE',
      'WEBSITE_VERIFICATION_FORM',
      'REGISTRATION_APPLICATION_FORM',
      'SECURITY_COMMITMENT',
    ];
    expect([...response.body.requiredDocuments].sort()).toEqual([...withResponsiblePerson].sort());
    expect(response.body.version).toBeGreaterThan(draft.version);
    // Stored, not only answered: a fresh read has the new list, and an upload for the new document is accepted.
    const read = await h.call('GET', `/cases/${draft.caseId}`, { as: ZHANG });
    expect([...read.body.requiredDocuments].sort()).toEqual([...withResponsiblePerson].sort());
    const upload = await h.call('POST', `/cases/${draft.caseId}/uploads`, {
      as: ZHANG,
      body: { docType: 'RESPONSIBLE_PERSON_ID_FRONT', contentType: 'image/jpeg' },
    });
    expect(upload.status, upload.text).toBe(201);
  });

  it('refuses to edit a case that is no longer a draft (409)', async () => {
    const { record } = await caseWaitingOn(h, 'DOCUMENTS');
    const response = await h.call('PUT', `/cases/${record.caseId}`, {
      as: ZHANG,
      body: record.application,
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CASE_NOT_EDITABLE');
  });

  it('hands out a presigned POST for a required document that s3rver accepts', async () => {
    const draft = await createDraft();
    const response = await h.call('POST', `/cases/${draft.caseId}/uploads`, {
      as: ZHANG,
      body: { docType: 'WEBSITE_VERIFICATION_FORM', contentType: 'application/pdf' },
    });
    expect(response.status, response.text).toBe(201);
    expect(response.body).toMatchObject({
      url: expect.any(String),
      key: expect.stringContaining(`cases/${draft.caseId}/WEBSITE_VERIFICATION_FORM/`),
      expiresAt: expect.any(String),
    });
    const upload = await postUpload(response.body, new TextEncoder().encode('%PDF-1.4\n%%EOF\n'));
    expect(upload.status).toBeLessThan(300);
  });

  it('records each upload it signs (case, document, upload id, expiry, who asked) and binds the form to it', async () => {
    const draft = await createDraft();
    const response = await h.call('POST', `/cases/${draft.caseId}/uploads`, {
      as: ZHANG,
      body: { docType: 'WEBSITE_VERIFICATION_FORM', contentType: 'application/pdf' },
    });
    expect(response.status, response.text).toBe(201);
    const { uploadId, key, expiresAt, fields } = response.body;
    expect(fields['x-amz-meta-upload-id']).toBe(uploadId);
    expect(await h.emulators.store.getIssuedUpload(draft.caseId, uploadId)).toEqual({
      caseId: draft.caseId,
      docType: 'WEBSITE_VERIFICATION_FORM',
      uploadId,
      key,
      issuedAt: h.clock.now.toISOString(),
      expiresAt,
      requestedBy: { subject: ZHANG, role: 'applicant' },
    });
    // A refused request signs nothing and records nothing.
    const before = await h.snapshot();
    const refused = await h.call('POST', `/cases/${draft.caseId}/uploads`, {
      as: ZHANG,
      body: { docType: 'BUSINESS_LICENCE', contentType: 'application/pdf' },
    });
    expect(refused.status).toBe(400);
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses uploads of documents the case does not require (400) and after documents are done (409)', async () => {
    const draft = await createDraft();
    const notRequired = await h.call('POST', `/cases/${draft.caseId}/uploads`, {
      as: ZHANG,
      body: { docType: 'BUSINESS_LICENCE', contentType: 'application/pdf' },
    });
    expect(notRequired.status).toBe(400);
    expect(notRequired.body).toMatchObject({ code: 'DOCUMENT_NOT_REQUIRED', field: 'docType' });
    const { record } = await caseWaitingOn(h, 'REVIEW');
    const late = await h.call('POST', `/cases/${record.caseId}/uploads`, {
      as: ZHANG,
      body: { docType: 'APPLICANT_ID_FRONT', contentType: 'image/jpeg' },
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('UPLOAD_NOT_ALLOWED');
  });

  it('submits a draft and starts the execution named after the case with the configured settings; again is idempotent', async () => {
    const draft = await createDraft();
    const first = await h.call('POST', `/cases/${draft.caseId}/submit`, { as: ZHANG });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('SUBMITTED');
    const second = await h.call('POST', `/cases/${draft.caseId}/submit`, { as: ZHANG });
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('SUBMITTED');
    const starts = h.sfn.calls.filter((c) => c.action === 'StartExecution' && c.start?.name === draft.caseId);
    expect(starts.length).toBeGreaterThanOrEqual(1);
    for (const start of starts) {
      expect(start.start).toEqual({
        stateMachineArn: STATE_MACHINE_ARN,
        name: draft.caseId,
        input: {
          settings: { documentWaitSeconds: [2592000, 864000, 432000], maxReviewRounds: 3, maxReschedules: 2 },
        },
      });
    }
    const audit = await h.deps.store.listAudit(draft.caseId);
    expect(audit.filter((e) => e.toStatus === 'SUBMITTED')).toHaveLength(1);
  });

  it('withdraws a draft directly and frees the applicant entity for a new case', async () => {
    const id = newResidentId();
    const draft = await createDraft(ZHANG, individualApplication(id));
    const response = await h.call('POST', `/cases/${draft.caseId}/withdraw`, { as: ZHANG });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('WITHDRAWN');
    await createDraft(ZHANG, individualApplication(id));
  });

  it('withdraws a waiting case by failing its pending task with Case.Withdrawn (202)', async () => {
    const { record, token } = await caseWaitingOn(h, 'REVIEW');
    const response = await h.call('POST', `/cases/${record.caseId}/withdraw`, { as: ZHANG });
    expect(response.status).toBe(202);
    expect(response.body.withdrawal).toBe('REQUESTED');
    expect(JSON.stringify(response.body)).not.toContain(token);
    expect(h.sfn.calls).toContainEqual(
      expect.objectContaining({ action: 'SendTaskFailure', token, error: 'Case.Withdrawn' }),
    );
    expect((await h.deps.store.getTask(record.caseId, 'REVIEW'))?.taskState).toBe('DONE');
  });

  it('shows the timeline without naming officers', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW');
    const approve = await h.call('POST', `/officer/cases/${record.caseId}/review`, {
      as: 'officer-wang-fang',
      body: { decision: 'APPROVE' },
    });
    expect(approve.status).toBe(202);
    const response = await h.call('GET', `/cases/${record.caseId}/timeline`, { as: ZHANG });
    expect(response.status).toBe(200);
    expect(response.body.items[0]).toMatchObject({ event: 'CASE_CREATED', by: 'you', toStatus: 'DRAFT' });
    expect(response.body.items).toContainEqual(
      expect.objectContaining({ event: 'STEP_DECIDED', by: 'officer', step: 'REVIEW' }),
    );
    expect(response.text).not.toContain('officer-wang-fang');
  });

  it('leaves routine bookkeeping and officer-only events out of the timeline but keeps a check that failed, with its documents', () => {
    const system = { subject: 'system:workflow', role: 'system' } as const;
    const event = (action: string, detail: Record<string, unknown>) => ({
      caseId: 'C-1',
      at: '2026-11-28T00:00:00.000Z',
      idempotencyKey: action,
      actor: system,
      action,
      detail,
    });
    const timeline = toTimeline([
      event('STEP_OPENED', { step: 'REVIEW' }),
      event('ELIGIBILITY_CHECKED', { eligible: true, reasons: [] }),
      event('DOCUMENTS_CROSS_CHECKED', { consistent: true, returned: [] }),
      event('DOCUMENTS_CROSS_CHECKED', { consistent: false, returned: ['DOMAIN_CERTIFICATE'] }),
      event('ELIGIBILITY_CHECKED', { eligible: false, reasons: ['NOT_ELIGIBLE'] }),
      // Officers only: the object may not have been the applicant's.
      event('UPLOAD_QUARANTINED', { docType: 'APPLICANT_ID_FRONT', reason: 'UPLOAD_NOT_ISSUED' }),
    ]);
    expect(timeline).toEqual([
      expect.objectContaining({ event: 'DOCUMENTS_CROSS_CHECKED', documents: ['DOMAIN_CERTIFICATE'] }),
      expect.objectContaining({ event: 'ELIGIBILITY_CHECKED', by: 'system' }),
    ]);
  });

  it('saves a draft whose credit code fails only its checksum, and submits it once a supervisor accepts the override', async () => {
    const body = individualApplication();
    const business = {
      ...body,
      applicant: {
        type: 'CHINESE_BUSINESS' as const,
        name: '深圳市兰亭科技有限公司',
        // A real-looking code whose check character is wrong (the valid one ends in XG).
        creditCode: '9144030071526726XA',
        legalRepresentative: '李娜',
        entityLeader: { ...body.responsiblePerson, name: '李娜' },
        address: '广东省深圳市南山区科技园1号',
        province: 'GD' as const,
      },
    };
    const created = await h.call('POST', '/cases', { as: LANTING, body: business });
    expect(created.status, created.text).toBe(201);
    expect(created.body.pendingOverrides).toEqual(
      expect.arrayContaining([expect.stringMatching(/CREDIT_CODE/)]),
    );
    const blocked = await h.call('POST', `/cases/${created.body.caseId}/submit`, { as: LANTING });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('OVERRIDE_REQUIRED');
    for (const code of created.body.pendingOverrides as string[]) {
      const accepted = await h.call(
        'POST',
        `/supervisor/cases/${created.body.caseId}/application-overrides`,
        {
          as: 'supervisor-liu-yang',
          body: { code, reason: 'Checked against the licence original.' },
        },
      );
      expect(accepted.status).toBe(200);
      expect(accepted.body.acceptedOverrides).toContain(code);
    }
    const edited = await h.call('PUT', `/cases/${created.body.caseId}`, { as: LANTING, body: business });
    expect(edited.status).toBe(200);
    expect(edited.body.pendingOverrides).toBeUndefined();
    const submitted = await h.call('POST', `/cases/${created.body.caseId}/submit`, { as: LANTING });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('SUBMITTED');
  });
});
