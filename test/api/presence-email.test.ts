import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, caseWaitingOn, startApiHarness } from './harness.ts';

describe('presence confirmed', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  }, 60_000);
  afterAll(() => h?.close());

  it('emails the applicant, in Chinese then English, when the officer confirms the responsible person appeared', async () => {
    const { record } = await caseWaitingOn(h, 'VERIFICATION');
    const response = await h.call('POST', `/officer/cases/${record.caseId}/verification`, {
      as: 'officer-wang-fang',
      body: { outcome: 'PRESENT' },
    });
    expect(response.status, response.text).toBe(202);
    const emails = (await h.deps.store.listEmails(record.caseId)).filter(
      (e) => e.template === 'presenceConfirmed',
    );
    expect(emails).toHaveLength(1);
    const text = emails[0]?.text ?? '';
    expect(text).toContain('在北京办公室完成面签核验');
    expect(text).toContain('verified in person at our Beijing office');
    expect(text).not.toMatch(/office office/);
    expect(text.indexOf('您好')).toBeLessThan(text.indexOf('Dear'));
    // The audit trail names the officer in words, beside the subject.
    const decided = (await h.deps.store.listAudit(record.caseId)).find((e) => e.action === 'STEP_DECIDED');
    expect(decided?.actor).toMatchObject({ subject: 'officer-wang-fang', role: 'officer' });
    expect(decided?.actor.name).toMatch(/\S/);
    expect(decided?.actor.name).not.toBe('officer-wang-fang');
  });

  it('sends no such email for a no-show', async () => {
    const { record } = await caseWaitingOn(h, 'VERIFICATION');
    const response = await h.call('POST', `/officer/cases/${record.caseId}/verification`, {
      as: 'officer-wang-fang',
      body: { outcome: 'NO_SHOW' },
    });
    expect(response.status, response.text).toBe(202);
    const emails = await h.deps.store.listEmails(record.caseId);
    expect(emails.filter((e) => e.template === 'presenceConfirmed')).toEqual([]);
  });
});
