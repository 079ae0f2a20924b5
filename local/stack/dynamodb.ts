/**
 * Starts dynalite (DynamoDB's API on LevelDB) in this process and creates the case table from
 * table-schema.ts. In memory by default; on disk with `dataDir`, so `npm start` keeps its data. After a
 * crash, LevelDB's recovery drops writes cut short; the start says which (./dynamodb-recovery.ts).
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from '#adapters/table-schema';
import { describeDrops, type LogRecovery, scanLogs } from './dynamodb-recovery.ts';

type DynaliteFactory = (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as DynaliteFactory;

export interface StartDynamoOptions {
  /** Directory for the LevelDB files; omitted = in memory. */
  dataDir?: string;
  /** 0 or omitted = a free port. */
  port?: number;
  /** Table to create (if absent), by name with the project's schema (table-schema.ts)… */
  tableName?: string;
  /** …or as the template defines it (the local stack: CreateTable's input). */
  table?: CreateTableCommandInput;
  /** Where the start reports what recovery dropped (default: stderr). */
  log?: (line: string) => void;
}

export interface DynamoEmulator {
  endpoint: string;
  tableName: string;
  /** A client for the emulator (static dummy credentials). */
  client: DynamoDBClient;
  /** The write-ahead logs this start recovered from, with what recovery dropped (empty in memory). */
  recovered: LogRecovery[];
  close(): Promise<void>;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Starts dynalite on 127.0.0.1 and ensures the table exists. */
export async function startDynamo(options: StartDynamoOptions = {}): Promise<DynamoEmulator> {
  const table = options.table ?? createTableInput(options.tableName ?? 'icp-cases');
  const tableName = table.TableName as string;
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Read before dynalite opens the store: recovery replays the logs into a table file and deletes
  // them, so this is the one moment (hence reported once) when what it drops can still be seen.
  const recovered = options.dataDir ? await scanLogs(options.dataDir) : [];
  const log = options.log ?? ((line: string) => console.warn(line));
  for (const recovery of recovered) {
    if (recovery.dropped.length && options.dataDir) log(describeDrops(options.dataDir, recovery));
  }
  const server = dynalite({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  try {
    await client.send(new CreateTableCommand(table));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    endpoint,
    tableName,
    client,
    recovered,
    close: async () => {
      client.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
