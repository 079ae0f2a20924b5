/** The history judge on its own, on small hand-made histories (no engine). */
import { describe, expect, it } from 'vitest';
import { historyDifferences } from './history-judge.ts';

type Raw = Record<string, unknown>;

/** Numbers the events 1.. in order; `prev` gives each previousEventId. */
function history(prev: number[], events: Raw[]): Raw[] {
  return events.map((e, i) => ({ id: i + 1, previousEventId: prev[i], timestamp: 'timestamp', ...e }));
}
const entered = (type: string, name: string, input: unknown) => ({
  type: `${type}StateEntered`,
  stateEnteredEventDetails: { name, input, inputDetails: { truncated: false } },
});
const exited = (type: string, name: string, output: unknown) => ({
  type: `${type}StateExited`,
  stateExitedEventDetails: { name, output, outputDetails: { truncated: false } },
});
const started = (input: unknown) => ({
  type: 'ExecutionStarted',
  executionStartedEventDetails: { input, inputDetails: { truncated: false }, roleArn: 'snf_role_arn' },
});
const succeeded = (output: unknown) => ({
  type: 'ExecutionSucceeded',
  executionSucceededEventDetails: { output, outputDetails: { truncated: false } },
});
const keys = (recorded: Raw[], ours: Raw[]) => [
  ...new Set(historyDifferences(recorded, ours).map((d) => d.key)),
];

describe('history judge', () => {
  const recorded = history(
    [0, 0, 2, 3],
    [started({}), entered('Pass', 'P', {}), exited('Pass', 'P', { a: 1 }), succeeded('1')],
  );
  // What the SDK gives: JSON text, a real role ARN, real timestamps.
  const ours = () =>
    history(
      [0, 0, 2, 3],
      [started('{}'), entered('Pass', 'P', '{}'), exited('Pass', 'P', '{"a":1.0}'), succeeded('1')],
    ).map((e): Raw => ({ ...e, timestamp: new Date() }));

  it('matches JSON text with parsed values, placeholders and numbers by value, ignoring timestamps', () => {
    const o = ours();
    (o[0]?.executionStartedEventDetails as Raw).roleArn = 'arn:aws:iam::1:role/x';
    expect(keys(recorded, o)).toEqual([]);
  });

  it('compares ids, previousEventIds and every details field', () => {
    const o = ours();
    (o[2] as Raw).previousEventId = 1;
    (o[3] as Raw).id = 5;
    ((o[1] as Raw).stateEnteredEventDetails as Raw).name = 'Q';
    expect(keys(recorded, o)).toEqual([
      'PassStateEntered.stateEnteredEventDetails.name',
      'PassStateExited.previousEventId',
      'ExecutionSucceeded.id',
    ]);
  });

  it('fails on a details field or object the recording does not have, and on one it has that ours lacks', () => {
    const o = ours();
    ((o[2] as Raw).stateExitedEventDetails as Raw).assignedVariables = {};
    (o[3] as Raw).executionSucceededEventDetails = undefined;
    (o[3] as Raw).taskFailedEventDetails = { error: 'x' };
    expect(keys(recorded, o)).toEqual([
      'PassStateExited.stateExitedEventDetails.assignedVariables',
      'ExecutionSucceeded.executionSucceededEventDetails',
      'ExecutionSucceeded.taskFailedEventDetails',
    ]);
  });

  it('keeps the order outside Parallel branches', () => {
    const o = ours();
    expect(keys(recorded, [o[0], o[2], o[1], o[3]] as Raw[])).toEqual(['PassStateEntered.type']);
    expect(keys(recorded, o.slice(0, 3))).toEqual(['ExecutionSucceeded.missing']);
  });

  describe('Parallel', () => {
    const parallel = (prev: number[], branches: Raw[]) =>
      history(prev, [
        started({}),
        entered('Parallel', 'Par', {}),
        { type: 'ParallelStateStarted' },
        ...branches,
        { type: 'ParallelStateSucceeded' },
        exited('Parallel', 'Par', [1, 2]),
        succeeded([1, 2]),
      ]);
    const a = [entered('Pass', 'A', {}), exited('Pass', 'A', 1)];
    const b = [entered('Pass', 'B', {}), exited('Pass', 'B', 2)];
    // AWS ran A then B; each branch's first event points at the ParallelStateStarted.
    const aws = parallel([0, 0, 2, 3, 4, 3, 6, 7, 8, 9], [...a, ...b]);

    it('compares the branch events as a multiset, their previousEventIds by the event they point at', () => {
      const interleaved = parallel([0, 0, 2, 3, 3, 4, 5, 7, 8, 9], [a[0], b[0], a[1], b[1]] as Raw[]);
      expect(keys(aws, interleaved)).toEqual([]);
      const atEntered = parallel([0, 0, 2, 2, 4, 2, 6, 7, 8, 9], [...a, ...b]);
      expect(keys(aws, atEntered)).toEqual(['PassStateEntered.previousEventId']);
    });

    it('compares the events outside the branches strictly', () => {
      const o = parallel([0, 0, 2, 3, 4, 3, 6, 7, 7, 9], [...a, ...b]);
      expect(keys(aws, o)).toEqual(['ParallelStateExited.previousEventId']);
      const noSucceeded = aws.filter((e) => e.type !== 'ParallelStateSucceeded');
      // Without its closing event the branches run to the end of ours.
      expect(keys(aws, noSucceeded)).toEqual([
        'Parallel branches.ids',
        'ParallelStateExited.extra',
        'ExecutionSucceeded.extra',
        'ParallelStateSucceeded.missing',
      ]);
      const branchDetail = parallel(
        [0, 0, 2, 3, 4, 3, 6, 7, 8, 9],
        [...a, entered('Pass', 'B', {}), exited('Pass', 'B', 3)],
      );
      expect(keys(aws, branchDetail)).toEqual(['PassStateExited.stateExitedEventDetails.output']);
    });

    it("applies LocalStack's branch sorting to ours when the recording went through it", () => {
      // LocalStack: branch events get id [0] and previousEventId 0, and the ParallelStateSucceeded is lost.
      const sorted = aws
        .map((e, i) => (i >= 3 && i <= 6 ? { ...e, id: [0], previousEventId: 0 } : e))
        .filter((e) => e.type !== 'ParallelStateSucceeded');
      expect(
        keys(sorted, parallel([0, 0, 2, 3, 3, 4, 5, 7, 8, 9], [a[0], b[0], a[1], b[1]] as Raw[])),
      ).toEqual([]);
      const one = parallel([0, 0, 2, 3, 4, 7, 8], a);
      expect(keys(sorted, one)).toContain('PassStateEntered.missing');
    });
  });
});
