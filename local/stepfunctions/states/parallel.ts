/**
 * Parallel: start evaluates the branches' input and creates one child branch per Branches entry;
 * resume runs the branches that have not ended. The first branch to fail fails the state at once
 * and cancels its siblings, as AWS does (https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html,
 * "If any branch fails … the entire Parallel state fails and all its branches are stopped").
 */
import { nextOf, type ParallelState } from '../definition.ts';
import { asStatesError, Cancelled, StatesError } from '../errors.ts';
import { newBranch, type ParallelSuspension } from '../execution-tree.ts';
import type { Json } from '../json.ts';
import type { StateRun, StepResult } from '../state-run.ts';

export async function runParallel(run: StateRun<ParallelState>): Promise<StepResult> {
  const { state, frame } = run;
  const suspension = frame.suspension?.kind === 'parallel' ? frame.suspension : await startParallel(run);
  const results = await runBranches(run, suspension);
  delete frame.suspension;
  // ParallelStateExited points at the branches' last event, as ParallelStateSucceeded does.
  const joined = run.branch.lastEventId;
  run.execution.emit('ParallelStateSucceeded', run.branch);
  run.branch.lastEventId = joined;
  const { output, assigned } = await run.flow.finish(run, { result: results });
  return { output, next: nextOf(state), assigned };
}

async function startParallel(run: StateRun<ParallelState>): Promise<ParallelSuspension> {
  const { flow, execution, branch } = run;
  const input = await flow.parameters(run, flow.input(run));
  execution.emit('ParallelStateStarted', branch);
  // Each branch's first event points at ParallelStateStarted.
  const now = execution.clock.now();
  const suspension: ParallelSuspension = {
    kind: 'parallel',
    branches: run.state.Branches.map((b) => newBranch(b.StartAt, input, now, branch.lastEventId)),
  };
  if (branch.quiet) for (const b of suspension.branches) b.quiet = true;
  run.frame.suspension = suspension;
  execution.host.changed();
  return suspension;
}

async function runBranches(run: StateRun<ParallelState>, suspension: ParallelSuspension): Promise<Json[]> {
  const { state, execution, branch } = run;
  const results: Json[] = new Array(state.Branches.length).fill(null);
  let failed: StatesError | undefined;
  // After a restart, a branch that had already failed fails the state before anything else runs.
  for (const [i, child] of suspension.branches.entries()) {
    if (!child.done) continue;
    if ('output' in child.done) results[i] = child.done.output;
    else failed ??= new StatesError(child.done.error, child.done.cause);
  }
  if (failed) throw failed;
  const siblings = run.cancel.child();
  await Promise.all(
    state.Branches.map(async (machine, i) => {
      const child = suspension.branches[i];
      if (!child || child.done) return;
      try {
        const output = await execution.runBranch(
          child,
          machine,
          { vars: {}, parent: run.variables },
          machine.QueryLanguage ?? run.flow.language,
          siblings,
        );
        child.done = { output };
        results[i] = output;
      } catch (err) {
        if (err instanceof Cancelled) return;
        const e = asStatesError(err);
        child.done = { error: e.error, ...(e.cause_ !== undefined ? { cause: e.cause_ } : {}) };
        failed ??= e;
        siblings.cancel(`Branch ${i} of '${run.frame.state}' failed`);
      } finally {
        branch.lastEventId = Math.max(branch.lastEventId, child.lastEventId);
        execution.host.changed();
      }
    }),
  );
  siblings.dispose();
  run.cancel.throwIfCancelled();
  if (failed) throw failed;
  return results;
}
