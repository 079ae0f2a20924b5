import { lambdaTask } from '#workflow/lambda-task';
import { markFailed } from '#workflow/mark-failed';
import { defineTask } from '#workflow/task-definition';
import { MarkFailedInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('mark-failed', defineTask(MarkFailedInput, markFailed));
