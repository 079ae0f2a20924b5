import { lambdaTask } from '#workflow/lambda-task';
import { returnFromBureau } from '#workflow/return-from-bureau';
import { defineTask } from '#workflow/task-definition';
import { ReturnFromBureauInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('return-from-bureau', defineTask(ReturnFromBureauInput, returnFromBureau));
