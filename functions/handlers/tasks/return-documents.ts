import { lambdaTask } from '#workflow/lambda-task';
import { returnDocuments } from '#workflow/return-documents';
import { defineTask } from '#workflow/task-definition';
import { ReturnDocumentsInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('return-documents', defineTask(ReturnDocumentsInput, returnDocuments));
