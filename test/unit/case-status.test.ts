import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  CaseStatus,
  canTransition,
  TERMINAL_STATUSES,
  TRANSITIONS,
} from '#domain/case-status';
import { DomainError } from '#domain/errors';

describe('case status transitions', () => {
  it('allows the happy path of a general filing', () => {
    const path: CaseStatus[] = [
      'DRAFT',
      'SUBMITTED',
      'AWAITING_DOCUMENTS',
      'CROSS_CHECKING',
      'UNDER_REVIEW',
      'AWAITING_VERIFICATION',
      'READY_FOR_BUREAU',
      'AT_BUREAU',
      'APPROVED',
    ];
    for (let i = 1; i < path.length; i++)
      expect(canTransition(path[i - 1] as CaseStatus, path[i] as CaseStatus)).toBe(true);
  });

  it('throws a typed ILLEGAL_TRANSITION error for a jump from DRAFT to APPROVED', () => {
    try {
      assertTransition('DRAFT', 'APPROVED');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).toBody()).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'status' });
    }
  });

  it('never leaves a terminal status', () => {
    for (const terminal of TERMINAL_STATUSES) {
      for (const to of CaseStatus.options) expect(canTransition(terminal, to)).toBe(false);
    }
  });

  it('does not treat staying in the same status as a transition', () => {
    for (const status of CaseStatus.options) expect(canTransition(status, status)).toBe(false);
  });

  it('lets every non-terminal status after DRAFT fail technically', () => {
    for (const status of CaseStatus.options) {
      if (TERMINAL_STATUSES.has(status) || status === 'DRAFT') continue;
      expect(TRANSITIONS[status]).toContain('FAILED');
    }
  });

  it('returns the target status of a legal move', () => {
    expect(assertTransition('AT_BUREAU', 'APPROVED')).toBe('APPROVED');
  });
});
