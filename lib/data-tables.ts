import {
  tables as declaredTables,
  type KeyDeclaration,
  type TableDeclaration,
  type TableName,
} from '@switchboard/topology';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  BillingMode,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { assertUnique, lookUp, pascalCase } from './declarations.js';
import { TopologyError } from './errors.js';

export interface DataTablesProps {
  /**
   * The tables to create.
   * @default every table of the topology (`@switchboard/topology`)
   */
  readonly tables?: readonly TableDeclaration[];
  /**
   * Tables kept when the stack is deleted or a table has to be replaced: they hold what cannot be
   * recreated. The others (connections, analytics counters with a TTL) are deleted with the stack.
   * @default ['flags', 'audit']
   */
  readonly retain?: readonly TableName[];
}

const attribute = (key: KeyDeclaration): Attribute => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

/**
 * One DynamoDB table per declaration: on-demand billing, AWS-managed encryption, and the keys,
 * indexes, stream, TTL and point-in-time recovery the declaration asks for.
 *
 * @example
 * ```ts
 * const data = new DataTables(stack, 'Data');
 * data.table('flags').grantReadData(fn);
 * ```
 */
export class DataTables extends Construct {
  /** The declarations the tables were built from. */
  public readonly declarations: readonly TableDeclaration[];
  /** The created tables by logical name. */
  public readonly tables: ReadonlyMap<TableName, Table>;

  constructor(scope: Construct, id: string, props: DataTablesProps = {}) {
    super(scope, id);
    this.declarations = props.tables ?? declaredTables;
    const retain = new Set<TableName>(props.retain ?? ['flags', 'audit']);

    assertUnique(
      this.declarations.map((t) => t.name),
      'Table',
    );
    assertUnique(
      this.declarations.map((t) => t.envVar),
      'Table environment variable',
    );
    const declared = new Set(this.declarations.map((t) => t.name));
    for (const name of retain) {
      if (!declared.has(name)) throw new TopologyError(`retain names table "${name}", which is not declared`);
    }

    const tables = new Map<TableName, Table>();
    for (const declaration of this.declarations) {
      tables.set(declaration.name, this.createTable(declaration, retain.has(declaration.name)));
    }
    this.tables = tables;
  }

  /** The table declared as `name`; throws if there is none. */
  public table(name: TableName): Table {
    return lookUp(this.tables, name, 'table', this.node.path);
  }

  private createTable(declaration: TableDeclaration, retained: boolean): Table {
    const table = new Table(this, `${pascalCase(declaration.name)}Table`, {
      partitionKey: attribute(declaration.partitionKey),
      sortKey: declaration.sortKey && attribute(declaration.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      stream: declaration.stream && StreamViewType[declaration.stream],
      timeToLiveAttribute: declaration.timeToLiveAttribute,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: declaration.pointInTimeRecovery ?? false,
      },
      removalPolicy: retained ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of declaration.globalSecondaryIndexes ?? []) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey && attribute(index.sortKey),
      });
    }
    // Only a table whose items all expire may go without backups; any other table without PITR is
    // left for cdk-nag to report.
    if (!declaration.pointInTimeRecovery && declaration.timeToLiveAttribute) {
      Validations.of(table).acknowledge({
        id: 'AwsSolutions-DDB3',
        reason: `The ${declaration.name} table holds only expiring items (TTL attribute "${declaration.timeToLiveAttribute}") that normal operation recreates, so point-in-time recovery would restore nothing worth keeping.`,
      });
    }
    return table;
  }
}
