import {
  eventSources as declaredEventSources,
  type EventSource,
  type EventSourceDeclaration,
} from '@switchboard/topology';
import { Duration, Validations } from 'aws-cdk-lib';
import { EventSourceMapping, FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DataStreams } from './data-streams.js';
import type { DataTables } from './data-tables.js';
import { assertUnique, lookUp, pascalCase } from './declarations.js';
import { TopologyError } from './errors.js';
import type { Functions } from './functions.js';

export interface EventSourcesProps {
  /** The functions the mappings invoke. */
  readonly functions: Functions;
  /** The tables whose streams are sources. */
  readonly tables: DataTables;
  /** The Kinesis streams that are sources. */
  readonly streams: DataStreams;
  /**
   * The event source mappings to create.
   * @default every event source of the topology (`@switchboard/topology`)
   */
  readonly eventSources?: readonly EventSourceDeclaration[];
}

/** One created mapping with the queue that receives the batches it gives up on. */
export interface CreatedEventSource {
  readonly declaration: EventSourceDeclaration;
  readonly mapping: EventSourceMapping;
  readonly failures: Queue;
}

const sourceName = (source: EventSource): string =>
  source.kind === 'dynamodb' ? source.table : source.stream;

/**
 * One Lambda event source mapping per declaration, from a table's DynamoDB stream or a Kinesis stream,
 * with the declared batching, starting position, filters, partial batch responses, retries, bisection
 * and parallelisation, and an encrypted SQS queue as on-failure destination. The function gets read
 * access to its source. Creates nothing when no event source is declared.
 */
export class EventSources extends Construct {
  /** The created mappings, in declaration order. */
  public readonly eventSources: readonly CreatedEventSource[];

  constructor(scope: Construct, id: string, props: EventSourcesProps) {
    super(scope, id);
    const declarations = props.eventSources ?? declaredEventSources;

    const idOf = (d: EventSourceDeclaration): string =>
      `${pascalCase(d.function)}From${pascalCase(sourceName(d.source))}`;
    assertUnique(declarations.map(idOf), 'Event source');
    const resolved = declarations.map((declaration) => {
      const referrer = `Event source "${idOf(declaration)}"`;
      const target = lookUp(props.functions.functions, declaration.function, 'function', referrer);
      const { source } = declaration;
      if (source.kind === 'kinesis') {
        const stream = lookUp(props.streams.streams, source.stream, 'stream', referrer);
        return { declaration, target, arn: stream.streamArn, grant: () => stream.grantRead(target) };
      }
      const table = lookUp(props.tables.tables, source.table, 'table', referrer);
      if (!table.tableStreamArn) {
        throw new TopologyError(`${referrer} reads table "${source.table}", which declares no stream`);
      }
      return { declaration, target, arn: table.tableStreamArn, grant: () => table.grantStreamRead(target) };
    });

    this.eventSources = resolved.map(({ declaration, target, arn }) => {
      const stem = idOf(declaration);
      const failures = new Queue(this, `${stem}Failures`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(failures).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself the on-failure destination of the ${stem} event source mapping: it keeps the records of batches the mapping gave up on, for inspection and replay.`,
      });
      const mapping = new EventSourceMapping(this, stem, {
        target,
        eventSourceArn: arn,
        batchSize: declaration.batchSize,
        maxBatchingWindow: Duration.seconds(declaration.maxBatchingWindowSeconds ?? 0),
        startingPosition: StartingPosition[declaration.startingPosition],
        filters: declaration.filterPatterns?.map((pattern) => FilterCriteria.filter(pattern)),
        reportBatchItemFailures: declaration.reportBatchItemFailures,
        retryAttempts: declaration.retryAttempts,
        bisectBatchOnError: declaration.bisectBatchOnError,
        parallelizationFactor: declaration.parallelizationFactor ?? 1,
        onFailure: new SqsDlq(failures),
      });
      return { declaration, mapping, failures };
    });

    for (const { declaration, target, grant } of resolved) {
      grant();
      if (declaration.source.kind === 'dynamodb') {
        Validations.of(target).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'dynamodb:ListStreams, which the stream event source mapping needs, supports no resource-level permissions; the stream read actions themselves are scoped to the table stream ARN.',
        });
      }
    }
  }
}
