import { lambdaTask } from '#workflow/lambda-task';
import { parkHumanStep } from '#workflow/park-human-step';
import { defineTask } from '#workflow/task-definition';
import { ParkHumanStepInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('park-human-step', defineTask(ParkHumanStepInput, parkHumanStep));
