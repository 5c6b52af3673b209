import { eventSources, functions } from '@switchboard/topology';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_UNITS, METRICS_NAMESPACE } from '../../lambdas/adapters/telemetry-core.js';
import { pascalCase } from '../../lib/declarations.js';
import { tracingContext } from '../../lib/functions.js';
import { SwitchboardStack } from '../../lib/switchboard-stack.js';
import { fixtureDashboard, nagFindingsOf, type Synthesized, synthesize, synthTimeout } from './synth.js';

/** The alarm whose id starts with `Monitoring<id>`; fails unless there is exactly one. */
/** The parts of an `AWS::CloudWatch::Alarm`'s properties the tests read. */
type AlarmProperties = Record<string, unknown> & {
  readonly Metrics: readonly {
    readonly Expression?: string;
    readonly MetricStat?: { readonly Metric: unknown };
  }[];
  readonly AlarmDescription: string;
};

function alarmNamed(template: Template, id: string): AlarmProperties {
  const found = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).filter(([logicalId]) =>
    new RegExp(`^Monitoring${id}[0-9A-F]{8}$`).test(logicalId),
  );
  expect(found, id).toHaveLength(1);
  return (found[0] as [string, { Properties: AlarmProperties }])[1].Properties;
}

/** The topology's functions, without the stack's custom resource handlers. */
const topologyFunctions = (template: Template) =>
  Object.entries(template.findResources('AWS::Lambda::Function'))
    .filter(([logicalId]) => logicalId.startsWith('Functions'))
    .map(([, fn]) => fn);

const topicRef = (template: Template) => ({ Ref: Object.keys(template.findResources('AWS::SNS::Topic'))[0] });

describe('monitoring', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize();
  }, synthTimeout);

  it('notifies a KMS-encrypted, TLS-only topic that CloudWatch may use, and passes the AwsSolutions checks', () => {
    s.template.resourceCountIs('AWS::SNS::Topic', 1);
    s.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    s.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    expect(s.nagFindings).toEqual([]);
  });

  it('mails alarms to the AlarmEmail parameter, and subscribes nobody while it is empty', () => {
    expect(s.template.toJSON().Parameters.AlarmEmail).toMatchObject({ Type: 'String', Default: '' });
    s.template.hasResource('AWS::SNS::Subscription', {
      Properties: { Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' }, TopicArn: topicRef(s.template) },
      Condition: Match.stringLikeRegexp('HasAlarmEmail'),
    });
    s.template.hasOutput('AlarmTopicArn', { Value: topicRef(s.template) });
  });

  it('watches the iterator age of every stream consumer, the fan-out within a minute', () => {
    for (const source of eventSources) {
      const alarm = alarmNamed(s.template, `${pascalCase(source.function)}IteratorAge`);
      expect(alarm).toMatchObject({
        MetricName: 'IteratorAge',
        Namespace: 'AWS/Lambda',
        Statistic: 'Maximum',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
    expect(alarmNamed(s.template, 'FanoutIteratorAge')).toMatchObject({
      Threshold: 60_000,
      EvaluationPeriods: 3,
    });
  });

  it('alarms on the first message in any failure queue', () => {
    const queues = Object.keys(s.template.findResources('AWS::SQS::Queue'));
    const watched = Object.values(s.template.findResources('AWS::CloudWatch::Alarm'))
      .filter((alarm) => alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((alarm) => {
        expect(alarm.Properties).toMatchObject({ Threshold: 1, Statistic: 'Maximum' });
        return alarm.Properties.Dimensions[0].Value['Fn::GetAtt'][0];
      });
    expect(watched.sort()).toEqual(queues.sort());
    const asyncTargets = new Set(functions.flatMap((f) => f.invokes ?? []));
    expect(watched).toHaveLength(eventSources.length + asyncTargets.size);
  });

  it('alarms on fan-out failures, the 5xx rate, throttles and aggregator errors, and reports recovery', () => {
    const ids = [
      'FanoutErrors',
      'PostsFailing',
      'HttpServerErrorRate',
      'LambdaThrottles',
      'ConnectionsThrottled',
      'WebSocketErrors',
      'AggregatorErrors',
    ];
    for (const id of ids) {
      const alarm = alarmNamed(s.template, id);
      expect(alarm.AlarmActions).toEqual([topicRef(s.template)]);
      expect(alarm.OKActions).toEqual([topicRef(s.template)]);
      expect(alarm.AlarmDescription).toContain(`docs/operations.md#${id.toLowerCase()}`);
    }
    const rate = alarmNamed(s.template, 'HttpServerErrorRate');
    expect(rate.Metrics[0]?.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    expect(rate.Threshold).toBe(1);
    const aggregator = alarmNamed(s.template, 'AggregatorErrors');
    expect(JSON.stringify(aggregator.Metrics)).toContain('AggregatorFailures');
    // A metric written only on failure has no data point otherwise: filled, it cannot empty the sum.
    expect(aggregator.Metrics.find((m) => m.Expression)?.Expression).toBe('FILL(m0, 0) + FILL(m1, 0)');
    // An alarm's expression takes 10 metrics at most, so the throttles of 11 functions need two.
    const throttled = ['LambdaThrottles', 'LambdaThrottles2'].flatMap((id) =>
      alarmNamed(s.template, id).Metrics.filter((m) => m.MetricStat),
    );
    expect(throttled).toHaveLength(functions.length);
  });

  it('alarms when the WebSocket API cannot run its functions, or they fail or log errors, for 15 minutes', () => {
    const alarm = alarmNamed(s.template, 'WebSocketErrors');
    expect(alarm.EvaluationPeriods).toBe(3);
    const watched = JSON.stringify(alarm.Metrics);
    expect(watched).toContain('"MetricName":"ExecutionError"');
    expect(watched).toContain('"MetricName":"WebSocketErrorRecords"');
    expect(alarm.Metrics.filter((m) => m.MetricStat && JSON.stringify(m).includes('"Errors"'))).toHaveLength(
      3,
    );
    // `$connect` answers 500 and `$default` an error message rather than throwing: their ERROR records count.
    const filters = Object.values(s.template.findResources('AWS::Logs::MetricFilter'));
    expect(filters).toHaveLength(3);
    for (const filter of filters) {
      expect(filter.Properties).toMatchObject({
        FilterPattern: '{ $.level = "ERROR" }',
        MetricTransformations: [
          { MetricNamespace: METRICS_NAMESPACE, MetricName: 'WebSocketErrorRecords', MetricValue: '1' },
        ],
      });
    }
    const logGroups = filters.map((f) => JSON.stringify(f.Properties.LogGroupName));
    for (const name of ['WsConnect', 'WsDisconnect', 'WsMessage']) {
      expect(logGroups.some((g) => g.includes(`${name}Logs`))).toBe(true);
    }
  });

  it('reads the handlers’ metrics under the service name the functions write them with', () => {
    const stackName = s.stack.stackName;
    for (const fn of topologyFunctions(s.template)) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: stackName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
      });
    }
    const postsFailing = alarmNamed(s.template, 'PostsFailing').Metrics[0]?.MetricStat?.Metric;
    expect(postsFailing).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: 'PostsFailed',
      Dimensions: [{ Name: 'service', Value: stackName }],
    });
  });

  it('shows every metric the handlers write, and every alarm, on one dashboard', () => {
    const dashboards = Object.values(s.template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]?.Properties.DashboardBody);
    for (const metric of Object.keys(METRIC_UNITS)) expect(body, metric).toContain(metric);
    for (const id of Object.keys(s.template.findResources('AWS::CloudWatch::Alarm')))
      expect(body, id).toContain(id);
    expect(body).toContain('IteratorAge');
  });

  it('traces no function unless asked to', () => {
    expect(topologyFunctions(s.template).filter((fn) => fn.Properties.TracingConfig)).toEqual([]);
  });
});

describe(`monitoring with an alarm email and ${tracingContext}`, () => {
  let template: Template;
  let findings: string[];
  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], [tracingContext]: 'true' } });
    const stack = new SwitchboardStack(app, 'Switchboard', {
      dashboard: { appDir: fixtureDashboard },
      alarmEmail: 'ops@example.com',
    });
    template = Template.fromStack(stack);
    findings = nagFindingsOf(stack);
  }, synthTimeout);

  it('makes the address the parameter’s default and turns on X-Ray tracing, still passing the checks', () => {
    expect(template.toJSON().Parameters.AlarmEmail.Default).toBe('ops@example.com');
    const traced = topologyFunctions(template).map((fn) => fn.Properties.TracingConfig);
    expect(traced).toEqual(functions.map(() => ({ Mode: 'Active' })));
    expect(findings).toEqual([]);
  });
});
