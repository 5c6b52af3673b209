import type { FunctionName } from '@switchboard/topology';
import { CfnCondition, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import type {
  HttpApi as GatewayHttpApi,
  WebSocketApi as GatewayWebSocketApi,
} from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { CfnSubscription, Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, type MetricName } from '../lambdas/adapters/telemetry-core.js';
import { pascalCase } from './declarations.js';
import type { EventSources } from './event-sources.js';
import type { Functions } from './functions.js';

/** The namespace the handlers write their metrics to. */
export const metricsNamespace = METRICS_NAMESPACE;

export interface MonitoringProps {
  readonly functions: Functions;
  readonly eventSources: EventSources;
  /** The HTTP API whose 5xx rate is watched. */
  readonly httpApi: GatewayHttpApi;
  /** The WebSocket API whose failures are watched; none while the topology declares no WebSocket route. */
  readonly webSocketApi?: GatewayWebSocketApi;
  /**
   * The `service` dimension of the handlers' metrics: their `POWERTOOLS_SERVICE_NAME`.
   * @default the stack's name
   */
  readonly serviceName?: string;
  /**
   * Where alarm notifications are mailed, the default of the stack's `AlarmEmail` parameter; empty
   * for no subscription (the topic is there to subscribe to).
   * @default ''
   */
  readonly alarmEmail?: string;
}

/**
 * What the stream-consumer alarms allow: the iterator age (how old the oldest unread record is) above
 * which a consumer has fallen behind, for so many consecutive minutes.
 */
const iteratorAgeLimits: Partial<Record<FunctionName, { readonly ms: number; readonly minutes: number }>> = {
  // Flag changes reach SDKs only through it: a minute behind is already visible to users.
  fanout: { ms: 60_000, minutes: 3 },
  revoker: { ms: 60_000, minutes: 3 },
  // Counters can wait, but the Kinesis stream keeps records for 24 hours.
  aggregator: { ms: 15 * 60_000, minutes: 5 },
};

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The stack's alarms, their SNS topic (KMS-encrypted, TLS only; an email subscription from the
 * `AlarmEmail` parameter) and an operations dashboard of the handlers' metrics beside Lambda's, API
 * Gateway's and SQS's own. docs/operations.md says what each alarm means and what to do.
 *
 * @example
 * ```ts
 * const monitoring = new Monitoring(stack, 'Monitoring', { functions, eventSources, httpApi: http.api });
 * monitoring.topic.addSubscription(new UrlSubscription('https://pager.example.com/hook'));
 * ```
 */
export class Monitoring extends Construct {
  /** Every alarm notifies this topic, on alarm and on recovery. */
  public readonly topic: Topic;
  /** The alarms by id (`FanoutIteratorAge`, `HttpServerErrorRate`, …). */
  public readonly alarms: ReadonlyMap<string, Alarm>;
  public readonly dashboard: Dashboard;
  private readonly serviceName: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.serviceName = props.serviceName ?? stack.stackName;
    const { functions } = props;

    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the Switchboard alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic; it needs to use the key.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'Switchboard alarms',
      masterKey: key,
      enforceSSL: true,
    });
    const email = new CfnParameter(this, 'AlarmEmail', {
      type: 'String',
      default: props.alarmEmail ?? '',
      description: 'Email address that receives Switchboard alarm notifications (empty for none)',
    });
    // Overrides the construct path's id so the parameter is `AlarmEmail` on the command line.
    email.overrideLogicalId('AlarmEmail');
    const subscription = new CfnSubscription(this, 'AlarmEmailSubscription', {
      topicArn: this.topic.topicArn,
      protocol: 'email',
      endpoint: email.valueAsString,
    });
    subscription.cfnOptions.condition = new CfnCondition(this, 'HasAlarmEmail', {
      expression: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')),
    });

    const alarms = new Map<string, Alarm>();
    const alarm = (
      alarmId: string,
      description: string,
      metric: IMetric | undefined,
      threshold: number,
      periods = 1,
    ): void => {
      if (!metric) return;
      const created = new Alarm(this, alarmId, {
        alarmDescription: `${description} See docs/operations.md#${alarmId.toLowerCase()}.`,
        metric,
        threshold,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      created.addOkAction(new SnsAction(this.topic));
      alarms.set(alarmId, created);
    };

    for (const { declaration } of props.eventSources.eventSources) {
      const limit = iteratorAgeLimits[declaration.function] ?? { ms: 60_000, minutes: 3 };
      const consumer = functions.function(declaration.function);
      alarm(
        `${pascalCase(declaration.function)}IteratorAge`,
        `The ${declaration.function} function is more than ${limit.ms / 1000} s behind its stream.`,
        consumer.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
        limit.ms,
        limit.minutes,
      );
    }
    const failureQueues: [string, Queue][] = [
      ...props.eventSources.eventSources.map(
        ({ declaration, failures }) =>
          [`${pascalCase(declaration.function)}StreamFailures`, failures] as [string, Queue],
      ),
      ...[...functions.asyncFailures].map(
        ([name, queue]) => [`${pascalCase(name)}AsyncFailures`, queue] as [string, Queue],
      ),
    ];
    for (const [alarmId, queue] of failureQueues) {
      alarm(
        alarmId,
        'A batch or event was given up on and kept in its failure queue.',
        queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(1) }),
        1,
      );
    }
    /** A Lambda metric of each named function that exists, labelled with its name. */
    const lambda = (
      metric: 'Invocations' | 'Errors' | 'Throttles' | 'IteratorAge',
      names: readonly FunctionName[],
    ) =>
      names.flatMap((name) => {
        const f = functions.functions.get(name);
        const statistic = metric === 'IteratorAge' ? 'Maximum' : 'Sum';
        return f ? [f.metric(metric, { statistic, period: FIVE_MINUTES, label: name })] : [];
      });
    const allFunctions = functions.declarations.map((d) => d.name);
    alarm(
      'FanoutErrors',
      'The fan-out or a fan-out worker failed invocations.',
      sum(lambda('Errors', ['fanout', 'fanout-worker'])),
      1,
    );
    alarm(
      'PostsFailing',
      'Posts to WebSocket connections kept failing for 15 minutes.',
      this.metric('PostsFailed'),
      1,
      3,
    );
    alarm(
      'HttpServerErrorRate',
      'More than 1% of HTTP API requests were answered 5xx (over at least 20 requests).',
      new MathExpression({
        expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          requests: props.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        period: FIVE_MINUTES,
        label: '5xx %',
      }),
      1,
    );
    // An alarm's expression may use 10 metrics: one alarm per 10 functions.
    const throttles = lambda('Throttles', allFunctions);
    for (let from = 0; from < throttles.length; from += 10) {
      alarm(
        `LambdaThrottles${from === 0 ? '' : from / 10 + 1}`,
        'Lambda refused invocations for want of concurrency.',
        sum(throttles.slice(from, from + 10)),
        1,
      );
    }
    alarm(
      'ConnectionsThrottled',
      'API Gateway throttled posts to WebSocket connections for 15 minutes.',
      this.metric('PostsThrottled'),
      1,
      3,
    );
    alarm(
      'WebSocketErrors',
      'SDKs kept failing to connect or to be answered over the WebSocket API for 15 minutes.',
      sum([
        ...(props.webSocketApi
          ? [props.webSocketApi.metric('ExecutionError', { statistic: 'Sum', period: FIVE_MINUTES })]
          : []),
        ...this.webSocketErrorRecords(props),
        ...lambda('Errors', ['ws-connect', 'ws-disconnect', 'ws-message']),
      ]),
      1,
      3,
    );
    alarm(
      'AggregatorErrors',
      'The analytics aggregator failed, or left records to retry.',
      sum([...lambda('Errors', ['aggregator']), this.metric('AggregatorFailures')]),
      1,
    );
    this.alarms = alarms;

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });
    const graph = (title: string, left: IMetric[], width = 8) =>
      new GraphWidget({ title, left, width, height: 6 });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Switchboard operations\nCustom metrics: namespace \`${metricsNamespace}\`, service \`${this.serviceName}\`. Runbook: docs/operations.md.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...alarms.values()], width: 24, height: 4 }),
    );
    this.dashboard.addWidgets(
      graph('Flag changes written', [this.metric('FlagChangesWritten')]),
      graph('Stream to fan-out delay (ms)', [
        this.metric('FanoutDelay', 'p50'),
        this.metric('FanoutDelay', 'p99'),
        this.metric('FanoutDelay', 'Maximum'),
      ]),
      graph('Stream iterator age (ms)', lambda('IteratorAge', ['fanout', 'revoker', 'aggregator'])),
    );
    this.dashboard.addWidgets(
      graph('Posts to connections', [
        this.metric('PostsSent'),
        this.metric('PostsGone'),
        this.metric('PostsThrottled'),
        this.metric('PostsFailed'),
        this.metric('PostsSkipped'),
      ]),
      graph('Fan-out and worker invocations', lambda('Invocations', ['fanout', 'fanout-worker'])),
      graph(
        'Failure queues (messages)',
        failureQueues.map(([label, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({
            statistic: 'Maximum',
            period: FIVE_MINUTES,
            label,
          }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph('SDK snapshots', [this.metric('SnapshotRequests'), this.metric('SnapshotLoads')]),
      graph('Snapshot cache hit ratio (%)', [
        new MathExpression({
          expression: 'IF(requests > 0, 100 * (1 - loads / requests), 100)',
          usingMetrics: { requests: this.metric('SnapshotRequests'), loads: this.metric('SnapshotLoads') },
          period: FIVE_MINUTES,
          label: 'hit ratio',
        }),
      ]),
      graph('HTTP API requests and errors', [
        props.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum', label: 'requests' }),
        props.httpApi.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum', label: '4xx' }),
        props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum', label: '5xx' }),
      ]),
    );
    this.dashboard.addWidgets(
      graph('4xx per route', [this.perRoute('Http4xx')], 12),
      graph('5xx per route', [this.perRoute('Http5xx')], 12),
    );
    this.dashboard.addWidgets(
      graph('Analytics events', [this.metric('EventsIngested'), this.metric('EventsRejected')]),
      graph('Aggregator batches', [
        this.metric('AggregatorBatchSize', 'Average'),
        this.metric('AggregatorBatchSize', 'Maximum'),
        this.metric('AggregatorWrites'),
        this.metric('AggregatorFailures'),
      ]),
      graph('Aggregator lag (iterator age, ms)', lambda('IteratorAge', ['aggregator'])),
    );
    this.dashboard.addWidgets(
      graph('Lambda errors', lambda('Errors', allFunctions), 12),
      graph('Lambda throttles', lambda('Throttles', allFunctions), 12),
    );
  }

  /**
   * One of the handlers' metrics (`lambdas/adapters/telemetry.ts`), summed over five minutes unless
   * told otherwise.
   *
   * @example
   * new GraphWidget({ left: [monitoring.metric('FanoutDelay', 'p99')] });
   */
  public metric(name: MetricName, statistic = 'Sum'): Metric {
    return new Metric({
      namespace: metricsNamespace,
      metricName: name,
      dimensionsMap: { service: this.serviceName },
      statistic,
      period: FIVE_MINUTES,
      label: statistic === 'Sum' ? name : `${name} ${statistic}`,
    });
  }

  /**
   * The WebSocket functions answer their failures rather than throwing (`$connect` a 500, whose
   * status is all API Gateway shows the client; `$default` an `error` message) and log an ERROR
   * record; `$connect`'s small logging path writes no metrics. A filter on each one's log group
   * counts those records as one metric.
   */
  private webSocketErrorRecords({ functions }: MonitoringProps): IMetric[] {
    const names: FunctionName[] = ['ws-connect', 'ws-disconnect', 'ws-message'];
    const filters = names.flatMap((name) => {
      const fn = functions.functions.get(name);
      if (!fn) return [];
      return [
        new MetricFilter(this, `${pascalCase(name)}ErrorRecords`, {
          logGroup: fn.logGroup,
          filterPattern: FilterPattern.stringValue('$.level', '=', 'ERROR'),
          metricNamespace: metricsNamespace,
          metricName: 'WebSocketErrorRecords',
          metricValue: '1',
        }),
      ];
    });
    const [first] = filters;
    return first
      ? [first.metric({ statistic: 'Sum', period: FIVE_MINUTES, label: 'WebSocketErrorRecords' })]
      : [];
  }

  private perRoute(name: 'Http4xx' | 'Http5xx'): MathExpression {
    return new MathExpression({
      expression: `SEARCH('{${metricsNamespace},route,service} MetricName="${name}" service="${this.serviceName}"', 'Sum', 300)`,
      usingMetrics: {},
      period: FIVE_MINUTES,
      label: name,
    });
  }
}

/**
 * The sum of `metrics` as one expression; none without any. Each is filled with 0 where it has no
 * data point: a metric written only on failure would otherwise leave the sum empty, and the alarm
 * quiet, in every period the others have data.
 */
function sum(metrics: readonly IMetric[]): MathExpression | undefined {
  if (metrics.length === 0) return undefined;
  const usingMetrics = Object.fromEntries(metrics.map((metric, index) => [`m${index}`, metric]));
  return new MathExpression({
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics,
    period: FIVE_MINUTES,
  });
}
