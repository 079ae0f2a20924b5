/**
 * The queue counts behind HumanStepsWaiting / HumanStepsPastDue, against dynalite: which cases count
 * as waiting and as past due (by the China date), and counting over every page without reading items.
 */
import { randomUUID } from 'node:crypto';
import type { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { entityKeyOf } from '#adapters/case-items';
import type { QueueCount } from '#adapters/cloudwatch-metrics';
import type { CreateCaseInput } from '#domain/case-repository';
import { HumanStep } from '#domain/case-status';
import { publishQueueMetrics } from '#workflow/queue-metrics';
import { startEmulators, type TestEmulators } from '../support/emulators.ts';
import { sampleApplication } from '../support/sample-application.ts';

let emulators: TestEmulators;
beforeAll(async () => {
  emulators = await startEmulators();
  await seedQueues();
});
afterAll(() => emulators.close());
afterEach(() => vi.restoreAllMocks());

// 20:00 UTC on 10 March is 04:00 on 11 March in China: "today" is 2026-03-11 there.
const NOW = new Date('2026-03-10T20:00:00Z');
const system = { subject: 'system:test', role: 'system' } as const;

function newCase(): CreateCaseInput {
  return {
    caseId: `c-${randomUUID().slice(0, 12)}`,
    applicantSubject: 'user-applicant-1',
    entityKey: entityKeyOf('PASSPORT', randomUUID(), 'test-secret-0123456789'),
    applicantType: 'CHINESE_INDIVIDUAL',
    filingType: 'GENERAL',
    province: 'BJ',
    contact: { name: '张三', email: 'zhangsan@example.cn' },
    application: sampleApplication(),
    requiredDocuments: ['APPLICANT_ID_FRONT'],
    actor: system,
  };
}

/** A case waiting on DOCUMENTS, through the workflow's transitions. */
async function awaitingDocuments(dueDate: string | null): Promise<string> {
  const { store } = emulators;
  const { caseId } = await store.createCase(newCase());
  await store.updateStatus({ caseId, to: 'SUBMITTED', actor: system });
  await store.updateStatus({ caseId, to: 'AWAITING_DOCUMENTS', actor: system, step: 'DOCUMENTS', dueDate });
  return caseId;
}

/** A case waiting on an officer's REVIEW, due on `dueDate` (or without a due date). */
async function underReview(dueDate: string | null): Promise<string> {
  const { store } = emulators;
  const caseId = await awaitingDocuments('2026-04-20');
  await store.updateStatus({ caseId, to: 'CROSS_CHECKING', actor: system, step: null, dueDate: null });
  await store.updateStatus({ caseId, to: 'UNDER_REVIEW', actor: system, step: 'REVIEW', dueDate });
  return caseId;
}

async function seedQueues() {
  await underReview('2026-03-09'); // past due
  await underReview('2026-03-10'); // past due: in China 10 March is already yesterday
  await underReview('2026-03-11'); // due today: not past due yet
  await underReview(null); // no due date: waiting, never past due
  await awaitingDocuments('2026-04-01');
  // Off every queue: a withdrawn case and a draft.
  const withdrawn = await underReview('2026-03-01');
  await emulators.store.updateStatus({ caseId: withdrawn, to: 'WITHDRAWN', actor: system });
  await emulators.store.createCase(newCase());
}

describe('queue metrics', () => {
  test('counts each step’s waiting cases and those due before today in China, publishing every step once', async () => {
    const published: (readonly QueueCount[])[] = [];
    const counts = await publishQueueMetrics({
      store: emulators.store,
      publish: (batch) => published.push(batch),
      now: () => NOW,
    });

    expect(published).toEqual([counts]);
    // Every step, empty ones as 0, so a queue that caught up clears its alarm.
    expect(counts.map((count) => count.step)).toEqual(HumanStep.options);
    expect(counts.find((count) => count.step === 'REVIEW')).toEqual({
      step: 'REVIEW',
      waiting: 4,
      pastDue: 2,
    });
    expect(counts.find((count) => count.step === 'DOCUMENTS')).toEqual({
      step: 'DOCUMENTS',
      waiting: 1,
      pastDue: 0,
    });
    for (const count of counts.filter((c) => c.step !== 'REVIEW' && c.step !== 'DOCUMENTS'))
      expect(count).toEqual({ step: count.step, waiting: 0, pastDue: 0 });
  });

  test('counts over every page with COUNT queries on the queue index, reading no item', async () => {
    const send = vi.spyOn(emulators.db, 'send');
    const waiting = await emulators.store.countQueue('REVIEW', { pageSize: 1 });
    const pastDue = await emulators.store.countQueue('REVIEW', { dueEarlierThan: '2026-03-11', pageSize: 1 });

    expect({ waiting, pastDue }).toEqual({ waiting: 4, pastDue: 2 });
    // One item a page: at least a request per counted case.
    expect(send.mock.calls.length).toBeGreaterThanOrEqual(6);
    for (const [command] of send.mock.calls) {
      expect((command as QueryCommand).input).toMatchObject({
        IndexName: 'byQueue',
        Select: 'COUNT',
        Limit: 1,
      });
    }
    for (const result of send.mock.results) {
      const output = (await result.value) as { Items?: unknown[]; Count?: number };
      expect(output.Items).toBeUndefined();
      expect(output.Count).toBeLessThanOrEqual(1);
    }
  });
});
