import { checkEligibility } from '#workflow/check-eligibility';
import { lambdaTask } from '#workflow/lambda-task';
import { defineTask } from '#workflow/task-definition';
import { CaseTaskInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('check-eligibility', defineTask(CaseTaskInput, checkEligibility));
