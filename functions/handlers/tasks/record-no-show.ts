import { lambdaTask } from '#workflow/lambda-task';
import { recordNoShow } from '#workflow/reminders';
import { defineTask } from '#workflow/task-definition';
import { RecordNoShowInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('record-no-show', defineTask(RecordNoShowInput, recordNoShow));
