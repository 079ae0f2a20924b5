import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_EXPIRY_SECONDS } from '#adapters/file-store';
import { PROVIDER_DOCUMENT_MAX_BYTES } from '#domain/provider-documents';
import { postUpload } from '../support/uploads.ts';
import { type ApiHarness, caseWaitingOn, startApiHarness } from './harness.ts';

const OFFICER = 'officer-wang-fang';
const ZHANG = 'applicant-zhang-wei';
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
}, 30_000);
afterAll(() => h.close());

/** A case of ZHANG's at the licence review, made a commercial licence application. */
async function commercialCase(): Promise<string> {
  const { record } = await caseWaitingOn(h, 'LICENCE_REVIEW', { applicant: ZHANG });
  await h.deps.store.modifyCase(record.caseId, (c) => ({ ...c, filingType: 'COMMERCIAL' }) as typeof c);
  return record.caseId;
}
const requestForm = (caseId: string, body: unknown, as = OFFICER) =>
  h.call('POST', `/officer/cases/${caseId}/provider-documents/uploads`, { as, body });
const attach = (caseId: string, body: unknown, as = OFFICER) =>
  h.call('POST', `/officer/cases/${caseId}/provider-documents`, { as, body });

describe('the provider’s qualification documents of a commercial licence case', () => {
  it('lets an officer upload and attach one, audited with who and when; the applicant is emailed in both languages and downloads it as an attachment', async () => {
    const caseId = await commercialCase();
    const form = await requestForm(caseId, { kind: 'TELECOM_LICENCE', contentType: 'application/pdf' });
    expect(form.status, form.text).toBe(201);
    expect(form.body.key).toBe(`provider-docs/${caseId}/TELECOM_LICENCE/${form.body.uploadId}`);
    expect((await postUpload(form.body, PDF)).status).toBe(204);

    const attached = await attach(caseId, { kind: 'TELECOM_LICENCE', uploadId: form.body.uploadId });
    expect(attached.status, attached.text).toBe(201);
    expect(attached.body.providerDocuments).toEqual([
      expect.objectContaining({
        documentId: form.body.uploadId,
        kind: 'TELECOM_LICENCE',
        contentType: 'application/pdf',
        size: PDF.length,
        attachedAt: h.clock.now.toISOString(),
      }),
    ]);
    const audit = (await h.deps.store.listAudit(caseId)).filter(
      (e) => e.action === 'PROVIDER_DOCUMENT_ATTACHED',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      at: h.clock.now.toISOString(),
      actor: { subject: OFFICER, role: 'officer', name: '王芳' },
      detail: { kind: 'TELECOM_LICENCE', documentId: form.body.uploadId },
    });

    const emails = (await h.deps.store.listEmails(caseId)).filter(
      (e) => e.template === 'providerDocumentsReady',
    );
    expect(emails).toHaveLength(1);
    expect(emails[0]?.text).toContain('接入商增值电信业务经营许可证');
    expect(emails[0]?.text).toContain('Our value-added telecom licence (IDC/ISP)');
    expect(emails[0]?.subject).toContain(' / ');

    // Attaching it again (a retried request) changes nothing and emails nobody again.
    const before = await h.snapshot();
    const again = await attach(caseId, { kind: 'TELECOM_LICENCE', uploadId: form.body.uploadId });
    expect(again.status, again.text).toBe(201);
    expect(await h.snapshot()).toBe(before);

    const list = await h.call('GET', `/cases/${caseId}/provider-documents`, { as: ZHANG });
    expect(list.status, list.text).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      labelZh: expect.stringContaining('接入商'),
      kind: 'TELECOM_LICENCE',
    });
    expect(Date.parse(list.body.linksExpireAt) - h.clock.now.getTime()).toBeLessThanOrEqual(300_000);
    const url = new URL(list.body.items[0].downloadUrl);
    expect(url.pathname).toContain(`provider-docs/${caseId}/TELECOM_LICENCE/${form.body.uploadId}`);
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="telecom-licence.pdf"');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);

    const stranger = await h.call('GET', `/cases/${caseId}/provider-documents`, {
      as: 'applicant-lanting-tech',
    });
    expect(stranger.status).toBe(404);
  });

  it('signs a short-lived form for the exact key, PDF or image only, whose size and type S3 enforces', async () => {
    const caseId = await commercialCase();
    const form = await requestForm(caseId, { kind: 'ACCESS_AGREEMENT', contentType: 'image/png' });
    expect(form.status, form.text).toBe(201);
    const policy = JSON.parse(Buffer.from(form.body.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$key', form.body.key],
        ['content-length-range', 1, PROVIDER_DOCUMENT_MAX_BYTES],
        ['eq', '$Content-Type', 'image/png'],
      ]),
    );
    // S3 checks the policy's expiry against its own clock: the signer's, not the harness's.
    expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(MAX_UPLOAD_EXPIRY_SECONDS * 1000);
    const otherType = await postUpload(form.body, PDF, { 'Content-Type': 'application/pdf' });
    expect(otherType.status).toBe(403);
    const html = await requestForm(caseId, { kind: 'ACCESS_AGREEMENT', contentType: 'text/html' });
    expect(html.status).toBe(400);
  });

  it('refuses a case that is not a commercial licence application (409), and an applicant asking for a form (403), changing nothing', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW', { applicant: ZHANG });
    const before = await h.snapshot();
    const general = await requestForm(record.caseId, {
      kind: 'TELECOM_LICENCE',
      contentType: 'application/pdf',
    });
    expect(general.status, general.text).toBe(409);
    expect(general.body).toMatchObject({ code: 'PROVIDER_DOCUMENTS_COMMERCIAL_ONLY' });
    expect(general.body.messageZh).toContain('经营性');
    const caseId = await commercialCase();
    const snapshot = await h.snapshot();
    const byApplicant = await requestForm(
      caseId,
      { kind: 'TELECOM_LICENCE', contentType: 'application/pdf' },
      ZHANG,
    );
    expect(byApplicant.status).toBe(403);
    const attachByApplicant = await attach(
      caseId,
      { kind: 'TELECOM_LICENCE', uploadId: 'a'.repeat(28) },
      ZHANG,
    );
    expect(attachByApplicant.status).toBe(403);
    expect(await h.snapshot()).toBe(snapshot);
    expect(before).not.toBe(snapshot); // the second case was made in between
  });

  it('refuses to attach an upload that never arrived (409) or whose content is not the declared PDF (422), changing nothing', async () => {
    const caseId = await commercialCase();
    const form = await requestForm(caseId, { kind: 'BUSINESS_LICENCE', contentType: 'application/pdf' });
    const before = await h.snapshot();
    const missing = await attach(caseId, { kind: 'BUSINESS_LICENCE', uploadId: form.body.uploadId });
    expect(missing.status, missing.text).toBe(409);
    expect(missing.body).toMatchObject({ code: 'PROVIDER_DOCUMENT_NOT_UPLOADED', field: 'uploadId' });
    expect((await postUpload(form.body, new TextEncoder().encode('<html>not a pdf</html>'))).status).toBe(
      204,
    );
    const wrongKind = await attach(caseId, { kind: 'TELECOM_LICENCE', uploadId: form.body.uploadId });
    expect(wrongKind.status, wrongKind.text).toBe(409);
    const notPdf = await attach(caseId, { kind: 'BUSINESS_LICENCE', uploadId: form.body.uploadId });
    expect(notPdf.status, notPdf.text).toBe(422);
    expect(notPdf.body).toMatchObject({ code: 'PROVIDER_DOCUMENT_NOT_PDF_OR_IMAGE' });
    expect(notPdf.body.messageZh).toBeTruthy();
    expect(await h.snapshot()).toBe(before);
  });
});
