import { crossCheckDocuments } from '#workflow/cross-check-documents';
import { lambdaTask } from '#workflow/lambda-task';
import { defineTask } from '#workflow/task-definition';
import { CaseTaskInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('cross-check-documents', defineTask(CaseTaskInput, crossCheckDocuments));
