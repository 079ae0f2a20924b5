import { checkEligibility } from './check-eligibility.ts';
import { crossCheckDocuments } from './cross-check-documents.ts';
import { finishCase } from './finish-case.ts';
import { issueNumber } from './issue-number.ts';
import { markFailed } from './mark-failed.ts';
import { parkHumanStep } from './park-human-step.ts';
import { recordSubmission } from './record-submission.ts';
import { recordNoShow, sendReminder } from './reminders.ts';
import { returnDocuments } from './return-documents.ts';
import { returnFromBureau } from './return-from-bureau.ts';
import { runTask, type TaskDefinition, defineTask as task } from './task-definition.ts';
import {
  CaseTaskInput,
  FinishCaseInput,
  IssueNumberInput,
  MarkFailedInput,
  ParkHumanStepInput,
  RecordNoShowInput,
  RecordSubmissionInput,
  ReturnDocumentsInput,
  ReturnFromBureauInput,
  SendReminderInput,
} from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/**
 * Every task function of the case state machine, by the kebab-case name of its handler file in
 * functions/handlers/tasks/ (the ASL placeholder is the PascalCase name + `FunctionArn`).
 */
export const WORKFLOW_TASKS = {
  'check-eligibility': task(CaseTaskInput, checkEligibility),
  'park-human-step': task(ParkHumanStepInput, parkHumanStep),
  'cross-check-documents': task(CaseTaskInput, crossCheckDocuments),
  'return-documents': task(ReturnDocumentsInput, returnDocuments),
  'return-from-bureau': task(ReturnFromBureauInput, returnFromBureau),
  'send-reminder': task(SendReminderInput, sendReminder),
  'record-no-show': task(RecordNoShowInput, recordNoShow),
  'record-submission': task(RecordSubmissionInput, recordSubmission),
  'issue-number': task(IssueNumberInput, issueNumber),
  'finish-case': task(FinishCaseInput, finishCase),
  'mark-failed': task(MarkFailedInput, markFailed),
} as const;

export type WorkflowTaskName = keyof typeof WORKFLOW_TASKS;

/** Runs one task with its payload checked against the task's input schema. */
export function runWorkflowTask(name: WorkflowTaskName, deps: WorkflowDependencies, payload: unknown) {
  return runTask(WORKFLOW_TASKS[name] as TaskDefinition, deps, payload);
}

/** The placeholder in the ASL for a task: `park-human-step` → `ParkHumanStepFunctionArn`. */
export const placeholderOf = (name: string): string =>
  `${name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}FunctionArn`;
