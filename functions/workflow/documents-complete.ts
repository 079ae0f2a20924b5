import { TaskGoneError, type WorkflowCallbacks } from '#adapters/workflow-client';
import type { CaseRecord } from '#domain/case-record';
import type { CaseRepository } from '#domain/case-repository';

/** True when every required document's current upload passed inspection. */
export const allRequiredDocumentsValid = (record: CaseRecord): boolean =>
  record.requiredDocuments.every((docType) => record.documents[docType]?.status === 'VALID');

/**
 * Resumes the DOCUMENTS step when every required document is valid and the workflow is parked there.
 * Called by the on-upload handler after each upload and by the step itself when it parks, so the one
 * that sees both facts last resumes it; the conditional claim makes sure only one of them does.
 */
export async function resumeDocumentsIfComplete(
  store: CaseRepository,
  callbacks: WorkflowCallbacks,
  caseId: string,
): Promise<'resumed' | 'incomplete' | 'not-waiting'> {
  const record = await store.getCase(caseId);
  if (record?.status !== 'AWAITING_DOCUMENTS') return 'not-waiting';
  // After a bureau return, the application fields it named must be corrected too (correction-service.ts).
  if (!allRequiredDocumentsValid(record) || record.pendingCorrections?.length) return 'incomplete';
  const claimant = `system:documents-complete:${record.version}`;
  const task = await store.claimTask(caseId, 'DOCUMENTS', claimant);
  if (!task) return 'not-waiting';
  try {
    await callbacks.sendTaskSuccess(task.token, { documentsComplete: true });
  } catch (error) {
    if (error instanceof TaskGoneError) {
      await store.completeTask(caseId, 'DOCUMENTS', claimant);
      return 'not-waiting';
    }
    await store.releaseTask(caseId, 'DOCUMENTS', claimant);
    throw error;
  }
  await store.completeTask(caseId, 'DOCUMENTS', claimant);
  return 'resumed';
}
