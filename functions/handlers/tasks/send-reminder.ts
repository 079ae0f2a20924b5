import { lambdaTask } from '#workflow/lambda-task';

/** State machine task: see functions/workflow/task-registry.ts and statemachines/README.md. */
export const handler = lambdaTask('send-reminder');
