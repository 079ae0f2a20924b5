import { issueNumber } from '#workflow/issue-number';
import { lambdaTask } from '#workflow/lambda-task';
import { defineTask } from '#workflow/task-definition';
import { IssueNumberInput } from '#workflow/task-inputs';

/** State machine task (statemachines/README.md); the local stack runs the same via the task registry. */
export const handler = lambdaTask('issue-number', defineTask(IssueNumberInput, issueNumber));
