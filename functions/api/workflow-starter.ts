/**
 * Starting a case's execution. The execution name is the case id, so a repeated start with the same
 * input is a no-op in AWS; ExecutionAlreadyExists (same name, different input, or an execution that
 * already ended) also means the case's workflow exists, which is all submit needs to know.
 */
import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

export interface StartExecutionInput {
  stateMachineArn: string;
  name: string;
  input: unknown;
}

export interface WorkflowStarter {
  /** Starts the execution; `alreadyStarted` when an execution with this name exists. */
  startExecution(input: StartExecutionInput): Promise<{ alreadyStarted: boolean; executionArn?: string }>;
}

export class StepFunctionsStarter implements WorkflowStarter {
  constructor(private readonly sfn: SFNClient) {}

  async startExecution(input: StartExecutionInput) {
    try {
      const result = await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: input.stateMachineArn,
          name: input.name,
          input: JSON.stringify(input.input),
        }),
      );
      return { alreadyStarted: false, ...(result.executionArn ? { executionArn: result.executionArn } : {}) };
    } catch (error) {
      if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return { alreadyStarted: true };
      throw error;
    }
  }
}
