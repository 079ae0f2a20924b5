import { lambdaTask } from '#workflow/lambda-task';
import { recordSubmission } from '#workflow/record-submission';
import { defineTask } from '#workflow/task-definition';
import { RecordSubmissionInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('record-submission', defineTask(RecordSubmissionInput, recordSubmission));
