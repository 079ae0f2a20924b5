/**
 * The email outbox in the case table (docs/email-outbox.md): one item per email beside its case,
 * recorded once per event, and in the `byQueue` index's `OUTBOX` partition while it waits to be sent,
 * ordered by when its next attempt is due. Senders claim an email with a lease (a conditional update
 * that also pushes its due time to the lease's end), so two senders never attempt one email at once,
 * and a sender that dies mid-attempt leaves the email due again when the lease runs out.
 */
import { createHash } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Actor } from '#domain/case-record';
import type {
  AttemptOutcome,
  NewOutboxEmail,
  OutboxAttempt,
  OutboxEmail,
  RequeueResult,
} from '#domain/outbox-email';
import { OUTBOX_HISTORY_LIMIT } from '#domain/outbox-email';
import { queryAll, stripKeys } from './case-items.ts';
import { isConditionFailure } from './dynamo-client.ts';
import { INDEXES } from './table-schema.ts';

/** The `byQueue` partition of due emails (officer queues are `QUEUE#<step>`: no overlap). */
export const OUTBOX_QUEUE = 'OUTBOX';

/** A short id of an email's event key within its case: URL-safe, stable, no key material in URLs. */
export const emailIdOf = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 20);

export const emailKey = (caseId: string, emailId: string) => ({
  PK: `CASE#${caseId}`,
  SK: `EMAIL#${emailId}`,
});

/** The `byQueue` sort key of a queued email: due time first, so a query reads the due ones in order. */
const queueSk = (dueAt: string, caseId: string, emailId: string) => `${dueAt}#${caseId}#${emailId}`;

const fromItem = (item: Record<string, unknown>): OutboxEmail => {
  const { queuePk: _pk, queueSk: _sk, ...rest } = stripKeys(item);
  return rest as unknown as OutboxEmail;
};

export class CaseOutbox {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Records an email once per (case, key): true when this call recorded it, false when it was there
   * already (a retried step, a redelivered event); either way the stored email is returned.
   */
  async enqueueEmail(input: NewOutboxEmail): Promise<{ created: boolean; email: OutboxEmail }> {
    const emailId = emailIdOf(input.key);
    const at = input.now.toISOString();
    const email: OutboxEmail = {
      caseId: input.caseId,
      emailId,
      key: input.key,
      template: input.template,
      to: input.to,
      subject: input.subject,
      text: input.text,
      html: input.html,
      state: 'QUEUED',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      history: [],
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...emailKey(input.caseId, emailId),
            itemType: 'EMAIL',
            ...email,
            queuePk: OUTBOX_QUEUE,
            queueSk: queueSk(at, input.caseId, emailId),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return { created: true, email };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const stored = await this.getEmail(input.caseId, emailId);
    if (!stored) throw new Error(`Email ${emailId} of case ${input.caseId} vanished after it was recorded`);
    return { created: false, email: stored };
  }

  /** One email of a case, or undefined. */
  async getEmail(caseId: string, emailId: string): Promise<OutboxEmail | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: emailKey(caseId, emailId), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  /** Every email of a case, oldest first. */
  async listEmails(caseId: string): Promise<OutboxEmail[]> {
    const items = await queryAll(this.db, this.tableName, `CASE#${caseId}`, 'EMAIL#');
    return items.map(fromItem).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * Queued emails due at `now`, soonest first, at most `limit`. Read from the index (eventually
   * consistent): the claim re-checks each one against the item itself.
   */
  async listDueEmails(now: Date, limit: number): Promise<Pick<OutboxEmail, 'caseId' | 'emailId'>[]> {
    const def = INDEXES.byQueue;
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: def.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk <= :due',
        ExpressionAttributeNames: { '#pk': def.partitionKey, '#sk': def.sortKey },
        ExpressionAttributeValues: { ':pk': OUTBOX_QUEUE, ':due': `${now.toISOString()}#\uffff` },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => ({
      caseId: item.caseId as string,
      emailId: item.emailId as string,
    }));
  }

  /**
   * Claims a due email for one attempt: exactly one concurrent caller gets it (counted as an attempt,
   * due again at `leaseUntil` should the caller never report), the others undefined.
   */
  async claimEmail(
    caseId: string,
    emailId: string,
    leaseId: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<OutboxEmail | undefined> {
    const until = leaseUntil.toISOString();
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: emailKey(caseId, emailId),
          UpdateExpression:
            'SET leaseId = :lease, nextAttemptAt = :until, queueSk = :sk, attempts = attempts + :one, lastAttemptAt = :now',
          ConditionExpression: '#state = :queued AND nextAttemptAt <= :now',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':lease': leaseId,
            ':until': until,
            ':sk': queueSk(until, caseId, emailId),
            ':one': 1,
            ':now': now.toISOString(),
            ':queued': 'QUEUED',
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? fromItem(result.Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /**
   * Records the outcome of the attempt `leaseId` made. False when the lease was lost meanwhile (an
   * officer asked for the email again): the newer request stands and this outcome is dropped.
   */
  async recordAttempt(email: OutboxEmail, leaseId: string, result: AttemptOutcome): Promise<boolean> {
    const at = result.at.toISOString();
    const attempt: OutboxAttempt = {
      at,
      outcome: result.outcome === 'SENT' ? 'SENT' : 'FAILED',
      ...(result.outcome === 'SENT' ? {} : { error: result.error }),
    };
    const history = [...(email.history ?? []), attempt].slice(-OUTBOX_HISTORY_LIMIT);
    const values: Record<string, unknown> = { ':lease': leaseId, ':history': history };
    let update: string;
    switch (result.outcome) {
      case 'SENT':
        values[':sent'] = 'SENT';
        values[':at'] = at;
        update =
          'SET #state = :sent, sentAt = :at, history = :history REMOVE leaseId, nextAttemptAt, queuePk, queueSk, lastError, failedAt';
        break;
      case 'RETRY': {
        const next = result.nextAttemptAt.toISOString();
        values[':next'] = next;
        values[':sk'] = queueSk(next, email.caseId, email.emailId);
        values[':error'] = result.error;
        update =
          'SET nextAttemptAt = :next, queueSk = :sk, lastError = :error, history = :history REMOVE leaseId';
        break;
      }
      case 'FAILED':
        values[':failed'] = 'FAILED';
        values[':at'] = at;
        values[':error'] = result.error;
        update =
          'SET #state = :failed, failedAt = :at, lastError = :error, history = :history REMOVE leaseId, nextAttemptAt, queuePk, queueSk';
        break;
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: emailKey(email.caseId, email.emailId),
          UpdateExpression: update,
          ConditionExpression: 'leaseId = :lease',
          ...(update.includes('#state') ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Queues an email again at once, whatever its state (an officer's "send again"), with a fresh retry
   * schedule; refused while a sender holds it, so one request never becomes two concurrent attempts.
   */
  async requeueEmail(caseId: string, emailId: string, by: Actor, now: Date): Promise<RequeueResult> {
    const at = now.toISOString();
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: emailKey(caseId, emailId),
          UpdateExpression:
            'SET #state = :queued, attempts = :zero, nextAttemptAt = :now, queuePk = :pk, queueSk = :sk, resends = list_append(if_not_exists(resends, :none), :resend) REMOVE leaseId, failedAt, lastError',
          ConditionExpression:
            'attribute_exists(PK) AND (attribute_not_exists(leaseId) OR nextAttemptAt <= :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':queued': 'QUEUED',
            ':zero': 0,
            ':now': at,
            ':pk': OUTBOX_QUEUE,
            ':sk': queueSk(at, caseId, emailId),
            ':none': [],
            ':resend': [{ by, at }],
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { outcome: 'requeued', email: fromItem(result.Attributes ?? {}) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const stored = await this.getEmail(caseId, emailId);
    return stored ? { outcome: 'sending', email: stored } : { outcome: 'not-found' };
  }
}
