import type { CaseRecord } from '#domain/case-record';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/** The case a task works on; a missing case is a bug in the workflow, not a user error. */
export async function loadCase(deps: WorkflowDependencies, caseId: string): Promise<CaseRecord> {
  const record = await deps.store.getCase(caseId);
  if (!record) throw new Error(`Case ${caseId} does not exist`);
  return record;
}
