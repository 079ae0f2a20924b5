import { lambdaTask } from '#workflow/lambda-task';
import { sendReminder } from '#workflow/reminders';
import { defineTask } from '#workflow/task-definition';
import { SendReminderInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('send-reminder', defineTask(SendReminderInput, sendReminder));
