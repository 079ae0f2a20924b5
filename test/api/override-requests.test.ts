import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, businessWithBadCreditCode, startApiHarness } from './harness.ts';

const LANTING = 'applicant-lanting-tech';
const SUPERVISOR = 'supervisor-liu-yang';

const business = () => businessWithBadCreditCode();

describe('override requests told to the applicant', () => {
  let h: ApiHarness;
  let caseId: string;
  beforeAll(async () => {
    h = await startApiHarness();
    const created = await h.call('POST', '/cases', { as: LANTING, body: business() });
    expect(created.status, created.text).toBe(201);
    caseId = created.body.caseId;
  }, 60_000);
  afterAll(() => h?.close());

  it('emails the applicant in Chinese and English what the request means, naming the check in words', async () => {
    const emails = await h.deps.store.listEmails(caseId);
    const requested = emails.filter((e) => e.template === 'overrideRequested');
    expect(requested).toHaveLength(1);
    const text = requested[0]?.text ?? '';
    expect(text).toContain('统一社会信用代码校验位不正确');
    expect(text).toContain('The credit code is mistyped');
    expect(text).toMatch(/编辑草稿改正/);
    expect(text).toMatch(/edit the draft and correct it/);
    expect(text).not.toContain('CREDIT_CODE_CHECKSUM');
    expect(text.indexOf('您好')).toBeLessThan(text.indexOf('Dear'));
  });

  it('records OVERRIDE_REQUESTED in the audit trail with who and when', async () => {
    const audit = await h.deps.store.listAudit(caseId);
    const event = audit.find((e) => e.action === 'OVERRIDE_REQUESTED');
    expect(event).toMatchObject({
      actor: { subject: LANTING, role: 'applicant' },
      detail: { codes: ['CREDIT_CODE_CHECKSUM'] },
    });
    expect(event?.at).toBe(h.clock.now.toISOString());
  });

  it('does not email again when an edit leaves the same check failing', async () => {
    const edited = await h.call('PUT', `/cases/${caseId}`, { as: LANTING, body: business() });
    expect(edited.status, edited.text).toBe(200);
    const emails = await h.deps.store.listEmails(caseId);
    expect(emails.filter((e) => e.template === 'overrideRequested')).toHaveLength(1);
  });

  it('emails the applicant when a supervisor accepts the check, saying they may now submit', async () => {
    const accepted = await h.call('POST', `/supervisor/cases/${caseId}/application-overrides`, {
      as: SUPERVISOR,
      body: { code: 'CREDIT_CODE_CHECKSUM', reason: 'Checked against the licence original.' },
    });
    expect(accepted.status, accepted.text).toBe(200);
    const emails = await h.deps.store.listEmails(caseId);
    const decided = emails.filter((e) => e.template === 'overrideAccepted');
    expect(decided).toHaveLength(1);
    expect(decided[0]?.text).toContain('您现在可以提交申请');
    expect(decided[0]?.text).toContain('you can now submit');
  });
});
