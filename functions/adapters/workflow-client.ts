/**
 * The Step Functions adapter for callback tasks: resumes a parked execution with the stored token.
 * The same client talks to AWS and to the embedded engine (endpoint from config).
 */
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';

/** The token no longer leads anywhere (task timed out, execution ended, token malformed). */
export class TaskGoneError extends Error {
  constructor(readonly reason: string) {
    super(`The workflow task is gone: ${reason}`);
    this.name = 'TaskGoneError';
  }
}

const GONE = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

export interface WorkflowCallbacks {
  /** Resumes the task with `output` (JSON). Throws TaskGoneError when the token is dead. */
  sendTaskSuccess(token: string, output: unknown): Promise<void>;
  /** Fails the task with an error name and a cause. Throws TaskGoneError when the token is dead. */
  sendTaskFailure(token: string, error: string, cause: string): Promise<void>;
}

export class StepFunctionsCallbacks implements WorkflowCallbacks {
  constructor(private readonly sfn: SFNClient) {}

  async sendTaskSuccess(token: string, output: unknown): Promise<void> {
    await this.send(() =>
      this.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) })),
    );
  }

  async sendTaskFailure(token: string, error: string, cause: string): Promise<void> {
    await this.send(() =>
      this.sfn.send(
        new SendTaskFailureCommand({
          taskToken: token,
          error: error.slice(0, 256),
          cause: cause.slice(0, 32768),
        }),
      ),
    );
  }

  private async send(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (error instanceof Error && GONE.has(error.name)) throw new TaskGoneError(error.name);
      throw error;
    }
  }
}

/** An SFN client; `endpoint` points at the embedded engine locally. */
export function createSfnClient(options: {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}): SFNClient {
  return new SFNClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
}
