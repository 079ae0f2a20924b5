import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../console/src/api.ts';
import {
  CHECK_PENDING_POLL_MS,
  IDLE_POLL_MS,
  pollDelay,
  WORKFLOW_POLL_MS,
} from '../../console/src/hooks/use-case-polling.ts';

const caseWith = (status: string, documents: Record<string, { status: string }> = {}) =>
  ({ status, documents }) as unknown as CaseView;

describe('how often the applicant’s case page reads the case', () => {
  it('polls every 250 ms while an upload this page sent awaits its verdict', () => {
    expect(pollDelay(caseWith('AWAITING_DOCUMENTS'), 1)).toBe(CHECK_PENDING_POLL_MS);
    expect(CHECK_PENDING_POLL_MS).toBeLessThanOrEqual(300);
  });

  it('polls as fast while the case shows a document still being checked (an upload from another tab)', () => {
    const record = caseWith('AWAITING_DOCUMENTS', { APPLICANT_ID_FRONT: { status: 'PENDING' } });
    expect(pollDelay(record, 0)).toBe(CHECK_PENDING_POLL_MS);
  });

  it('polls every 2 s while the workflow checks a submission, every 15 s otherwise', () => {
    expect(pollDelay(caseWith('SUBMITTED'), 0)).toBe(WORKFLOW_POLL_MS);
    expect(pollDelay(caseWith('CROSS_CHECKING'), 0)).toBe(WORKFLOW_POLL_MS);
    expect(pollDelay(caseWith('AWAITING_DOCUMENTS', { APPLICANT_ID_FRONT: { status: 'VALID' } }), 0)).toBe(
      IDLE_POLL_MS,
    );
  });

  it('stops on a closed case with nothing pending', () => {
    expect(pollDelay(caseWith('APPROVED'), 0)).toBeUndefined();
  });
});
