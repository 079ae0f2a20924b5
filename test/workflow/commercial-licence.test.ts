import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bureauDecisionValidator } from '#api/bureau-service';
import type { ApplicationInput } from '#domain/application';
import { addCalendarDays, chinaDate } from '#domain/china-calendar';
import { DomainError } from '#domain/errors';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { appointmentSlot } from './support.ts';

const business = SAMPLE_APPLICATIONS.chineseBusiness;
const ENTITY = 'licence-entity';

describe('the commercial licence as its own track on the real state machine', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Takes a case from submission to the bureau's decision step. */
  async function toDecision(caseId: string, office: 'BJ' | 'SH') {
    await h.decide(caseId, 'APPOINTMENT', { officeId: office, startsAt: appointmentSlot(h.clock.now()) });
    await h.waitForStep(caseId, 'VERIFICATION');
    await h.decide(caseId, 'VERIFICATION', { outcome: 'PRESENT' });
    const submittedAt = new Date(h.clock.now()).toISOString();
    await h.decide(caseId, 'BUREAU_SUBMISSION', { submittedAt });
    await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'COMPLETED' });
    return { submittedAt, atDecision: await h.waitForStep(caseId, 'BUREAU_DECISION') };
  }

  /** The API's check of a decision against the case as the workflow keeps it: the refusal's code. */
  function refusal(record: Parameters<ReturnType<typeof bureauDecisionValidator>>[0], icpNumber: string) {
    try {
      bureauDecisionValidator({ decision: 'APPROVE', icpNumber }, new Date(h.clock.now()))(record);
      return undefined;
    } catch (error) {
      return error instanceof DomainError ? error.code : String(error);
    }
  }

  it('approves a licence with a B2 number after the 60-day bureau period, refusing a number of the wrong kind, and marks the general filing commercial', async () => {
    const general = await h.createCase(business, { entity: ENTITY });
    await h.submit(general.caseId);
    await h.completeDocuments(general.caseId);
    await h.decide(general.caseId, 'REVIEW', { decision: 'APPROVE' });
    await toDecision(general.caseId, 'SH');
    const generalRecord = await h.store.getCase(general.caseId);
    // A licence number on a filing case is the wrong kind.
    expect(refusal(generalRecord as never, '沪B2-20090059')).toBe('DECISION_NEEDS_FILING_NUMBER');
    await h.decide(general.caseId, 'BUREAU_DECISION', {
      decision: 'APPROVE',
      icpNumber: '沪ICP备2026022222号-1',
    });
    expect((await h.waitForExecution(general.caseId)).status).toBe('SUCCEEDED');

    const commercial: ApplicationInput = {
      ...business,
      filingType: 'COMMERCIAL',
      commercial: {
        generalIcpNumber: '沪ICP备2026022222号',
        registeredCapitalCny: 5_000_000,
        legalRepresentative: { name: '李娜', idNumber: '310104198503124022' },
        staffWithSocialInsurance: 12,
      },
    };
    const licence = await h.createCase(commercial, { entity: ENTITY });
    await h.submit(licence.caseId);
    await h.completeDocuments(licence.caseId);
    await h.decide(licence.caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.decide(licence.caseId, 'LICENCE_REVIEW', { decision: 'APPROVE', feeYuan: 3000 });
    const { submittedAt, atDecision } = await toDecision(licence.caseId, 'SH');
    // 《电信条例》 art. 13: 60 days, counted as calendar days from the submission.
    expect(atDecision.dueDate).toBe(addCalendarDays(chinaDate(submittedAt), 60));
    const submittedMail = h.mail
      .inbox(business.responsiblePerson.email)
      .filter((m) => m.subject.includes('已提交至'))
      .at(-1);
    expect(submittedMail?.text).toContain('60日');
    expect(submittedMail?.text).not.toContain('20个工作日');

    const licenceRecord = await h.store.getCase(licence.caseId);
    expect(refusal(licenceRecord as never, '沪ICP备2026022222号-1')).toBe('DECISION_NEEDS_LICENCE_NUMBER');
    expect(refusal(licenceRecord as never, '沪B2-20090059')).toBeUndefined();
    expect((await h.store.getTask(licence.caseId, 'BUREAU_DECISION'))?.taskState).toBe('OPEN');

    await h.decide(licence.caseId, 'BUREAU_DECISION', { decision: 'APPROVE', icpNumber: '沪B2-20090059' });
    expect((await h.waitForExecution(licence.caseId)).status).toBe('SUCCEEDED');
    expect(await h.store.getCase(licence.caseId)).toMatchObject({
      status: 'APPROVED',
      icpNumber: '沪B2-20090059',
    });
    expect((await h.store.getCase(general.caseId))?.commercialLicence).toMatchObject({
      number: '沪B2-20090059',
      caseId: licence.caseId,
    });
  });

  it('lets a pilot-zone company over the foreign-equity cap proceed once a supervisor accepted it, and refuses it otherwise', async () => {
    const entity = 'pilot-zone-entity';
    // The company's general filing, approved (as the workflow leaves it), for the licence to build on.
    const general = await h.createCase(business, { entity });
    for (const to of PATH_TO_BUREAU) {
      await h.store.updateStatus({ caseId: general.caseId, to, actor: SYSTEM });
    }
    await h.store.updateStatus({
      caseId: general.caseId,
      to: 'APPROVED',
      icpNumber: '沪ICP备2026044444号-1',
      actor: SYSTEM,
    });
    const overCap: ApplicationInput = {
      ...business,
      filingType: 'COMMERCIAL',
      commercial: {
        generalIcpNumber: '沪ICP备2026044444号',
        registeredCapitalCny: 5_000_000,
        legalRepresentative: { name: '李娜', idNumber: '310104198503124022' },
        foreignOwnershipPercent: 70,
        staffWithSocialInsurance: 12,
      },
    };
    const refused = await h.createCase(overCap, { entity });
    await h.submit(refused.caseId);
    expect((await h.waitForExecution(refused.caseId)).status).toBe('SUCCEEDED');
    expect((await h.store.getCase(refused.caseId))?.status).toBe('REJECTED');
    const checked = (await h.store.listAudit(refused.caseId)).find((e) => e.action === 'ELIGIBILITY_CHECKED');
    expect(checked?.detail).toMatchObject({ eligible: false, reasons: ['FOREIGN_EQUITY_OVER_CAP'] });

    const accepted = await h.createCase(overCap, { entity });
    await h.store.modifyCase(accepted.caseId, (current) => ({
      ...current,
      acceptedOverrides: ['FOREIGN_EQUITY_OVER_CAP'],
    }));
    await h.submit(accepted.caseId);
    await h.waitForStep(accepted.caseId, 'DOCUMENTS');
    expect((await h.store.getCase(accepted.caseId))?.status).toBe('AWAITING_DOCUMENTS');
    const passed = (await h.store.listAudit(accepted.caseId)).find((e) => e.action === 'ELIGIBILITY_CHECKED');
    expect(passed?.detail).toMatchObject({ eligible: true, reasons: [] });
  });
});

const SYSTEM = { subject: 'system:test', role: 'system' } as const;
/** The statuses a case passes on its way to the bureau (the workflow's own moves). */
const PATH_TO_BUREAU = [
  'SUBMITTED',
  'AWAITING_DOCUMENTS',
  'CROSS_CHECKING',
  'UNDER_REVIEW',
  'AWAITING_VERIFICATION',
  'READY_FOR_BUREAU',
  'AT_BUREAU',
] as const;
