/**
 * The officers' pending tasks: the Step Functions task token of the human step a case waits on, and
 * its claim. The token lives only on this item and is never returned to clients.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PendingTask } from '#domain/case-record';
import type { HumanStep } from '#domain/case-status';
import { stripKeys, taskKey } from './case-items.ts';
import { isConditionFailure } from './dynamo-client.ts';

export class CaseTasks {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores the token of the human step the workflow now waits on (replaces a finished one). */
  async putTask(task: {
    caseId: string;
    step: HumanStep;
    token: string;
    dueDate?: string;
    now?: Date;
  }): Promise<void> {
    const item: PendingTask = {
      caseId: task.caseId,
      step: task.step,
      token: task.token,
      taskState: 'OPEN',
      createdAt: (task.now ?? new Date()).toISOString(),
      ...(task.dueDate ? { dueDate: task.dueDate } : {}),
    };
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...taskKey(task.caseId, task.step), itemType: 'TASK', ...item },
      }),
    );
  }

  /** The pending task (with its token — for server-side use only), or undefined. */
  async getTask(caseId: string, step: HumanStep): Promise<PendingTask | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: taskKey(caseId, step), ConsistentRead: true }),
    );
    return Item ? (stripKeys(Item) as unknown as PendingTask) : undefined;
  }

  /**
   * Claims an OPEN task for `claimant`: exactly one concurrent caller gets the task (and its token),
   * every other gets undefined.
   */
  async claimTask(
    caseId: string,
    step: HumanStep,
    claimant: string,
    now = new Date(),
  ): Promise<PendingTask | undefined> {
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: taskKey(caseId, step),
          UpdateExpression: 'SET taskState = :claimed, claimedBy = :who, claimedAt = :at',
          ConditionExpression: 'taskState = :open',
          ExpressionAttributeValues: {
            ':claimed': 'CLAIMED',
            ':open': 'OPEN',
            ':who': claimant,
            ':at': now.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? (stripKeys(result.Attributes) as unknown as PendingTask) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** Marks a claimed task done (after SendTaskSuccess/Failure went through). */
  async completeTask(caseId: string, step: HumanStep, claimant: string, now = new Date()): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: taskKey(caseId, step),
        UpdateExpression: 'SET taskState = :done, completedAt = :at REMOVE #token',
        ConditionExpression: 'taskState = :claimed AND claimedBy = :who',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: {
          ':done': 'DONE',
          ':claimed': 'CLAIMED',
          ':who': claimant,
          ':at': now.toISOString(),
        },
      }),
    );
  }

  /** Gives a claimed task back (the decision could not be delivered; someone may try again). */
  async releaseTask(caseId: string, step: HumanStep, claimant: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: taskKey(caseId, step),
          UpdateExpression: 'SET taskState = :open REMOVE claimedBy, claimedAt',
          ConditionExpression: 'taskState = :claimed AND claimedBy = :who',
          ExpressionAttributeValues: { ':open': 'OPEN', ':claimed': 'CLAIMED', ':who': claimant },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
