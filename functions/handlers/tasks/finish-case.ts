import { finishCase } from '#workflow/finish-case';
import { lambdaTask } from '#workflow/lambda-task';
import { defineTask } from '#workflow/task-definition';
import { FinishCaseInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('finish-case', defineTask(FinishCaseInput, finishCase));
