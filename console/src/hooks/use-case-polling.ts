/**
 * How often the applicant's case page reads the case again. An upload's verdict must be on screen
 * within a second of the upload's end (issue 17; the server decides in about 30 ms), so while a
 * document check is pending the page polls every 250 ms: a verdict shows at most a quarter second,
 * plus one read, after it is recorded. While the workflow checks a submission, every 2 s; otherwise
 * every 15 s, and not at all in a hidden tab or a closed case.
 */
import { useEffect, useState } from 'react';
import { TERMINAL_STATUSES } from '../../../functions/domain/case-status.ts';
import type { CaseView } from '../api.ts';

export const CHECK_PENDING_POLL_MS = 250;
export const WORKFLOW_POLL_MS = 2_000;
export const IDLE_POLL_MS = 15_000;

/** The wait before the next read; undefined when nothing can change any more. */
export function pollDelay(record: CaseView | undefined, uploadsAwaitingVerdict: number): number | undefined {
  const checking =
    uploadsAwaitingVerdict > 0 || Object.values(record?.documents ?? {}).some((d) => d?.status === 'PENDING');
  if (checking) return CHECK_PENDING_POLL_MS;
  if (record?.status === 'SUBMITTED' || record?.status === 'CROSS_CHECKING') return WORKFLOW_POLL_MS;
  if (record && TERMINAL_STATUSES.has(record.status)) return undefined;
  return IDLE_POLL_MS;
}

/**
 * Reads the case again and again (`load`) at `pollDelay`'s pace; `awaiting` counts the uploads this
 * page sent whose verdict is not on the case yet. One read at a time: the next is timed from the end
 * of the last.
 */
export function useCasePolling(
  load: () => Promise<void>,
  record: CaseView | undefined,
  awaiting: () => number,
): void {
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: round re-arms the poll after each read
  useEffect(() => {
    const delay = pollDelay(record, awaiting());
    if (delay === undefined) return;
    const timer = window.setTimeout(() => {
      const fast = delay < IDLE_POLL_MS;
      if (document.visibilityState === 'visible' || fast) void load().then(() => setRound((n) => n + 1));
      else setRound((n) => n + 1);
    }, delay);
    return () => window.clearTimeout(timer);
  }, [record, round, load, awaiting]);
}
