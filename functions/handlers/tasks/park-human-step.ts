import { createSfnClient, StepFunctionsCallbacks } from '#adapters/workflow-client';
import { lambdaTask } from '#workflow/lambda-task';
import { parkHumanStep } from '#workflow/park-human-step';
import { defineTask } from '#workflow/task-definition';
import { ParkHumanStepInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('park-human-step', defineTask(ParkHumanStepInput, parkHumanStep), {
  // Resumes the DOCUMENTS step at once when every required document is already valid.
  callbacks: (config) =>
    new StepFunctionsCallbacks(
      createSfnClient({
        region: config.AWS_REGION,
        ...(config.SFN_ENDPOINT ? { endpoint: config.SFN_ENDPOINT } : {}),
      }),
    ),
});
