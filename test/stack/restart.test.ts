import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentType } from '#domain/document-types';
import { apiAs, signIn, uploadSampleDocuments, waitUntil } from '#stack/api-client';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { type StackProcess, startStackProcess } from './stack-process.ts';

interface CaseView {
  caseId: string;
  status: string;
  currentStep?: string;
  requiredDocuments: DocumentType[];
  documents: Partial<Record<DocumentType, { status: string }>>;
}

const application = SAMPLE_APPLICATIONS.chineseBusiness;

describe('the local stack across a crash', () => {
  let dataDir: string;
  let stack: StackProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stack-restart-'));
  });
  afterAll(async () => {
    await stack?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a case waiting on officer review, its documents and its emails through SIGKILL, and the officer can approve it', {
    timeout: 300_000,
  }, async () => {
    stack = await startStackProcess(dataDir);
    let applicant = apiAs(stack.config, await signIn(stack.config, 'applicant-lanting-tech'));
    const draft = await applicant<CaseView>('POST', '/cases', application);
    await applicant('POST', `/cases/${draft.caseId}/submit`);
    const read = () => applicant<CaseView>('GET', `/cases/${draft.caseId}`);
    await waitUntil(read, (c) => c.status === 'AWAITING_DOCUMENTS', 'the documents step');
    await uploadSampleDocuments(applicant, draft.caseId, application, draft.requiredDocuments);
    const before = await waitUntil(read, (c) => c.currentStep === 'REVIEW', 'the officer review', 60);
    const mailbox = async (portal: string) =>
      (await (await fetch(`${portal}/mailbox?to=${application.responsiblePerson.email}`)).text()).match(
        /<a href="\/mailbox\/[^"]+">/g,
      )?.length ?? 0;
    const mailsBefore = await waitUntil(
      () => mailbox(stack?.portal ?? ''),
      (n) => n >= 2,
      'the emails',
      // The outbox sender runs every minute, the first time a minute after the stack started.
      150,
    );

    expect(await stack.kill('SIGKILL')).toBeNull(); // killed by the signal, no clean shutdown
    stack = await startStackProcess(dataDir);
    applicant = apiAs(stack.config, await signIn(stack.config, 'applicant-lanting-tech'));
    const after = await applicant<CaseView>('GET', `/cases/${draft.caseId}`);
    expect(after.status).toBe('UNDER_REVIEW');
    expect(after.currentStep).toBe('REVIEW');
    expect(after.documents).toEqual(before.documents);
    expect(Object.values(after.documents).every((d) => d?.status === 'VALID')).toBe(true);
    expect(await mailbox(stack.portal)).toBe(mailsBefore);

    const officer = apiAs(stack.config, await signIn(stack.config, 'officer-chen-jing'));
    await officer('POST', `/officer/cases/${draft.caseId}/review`, { decision: 'APPROVE' });
    const readAgain = () => applicant<CaseView>('GET', `/cases/${draft.caseId}`);
    const next = await waitUntil(readAgain, (c) => c.currentStep === 'APPOINTMENT', 'the appointment step');
    expect(next.status).toBe('AWAITING_VERIFICATION');
  });
});
