import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, synthesize, synthTimeout } from './synth.js';

/** The analytics pipeline as the topology declares it: ingest → Kinesis → aggregator → analytics table. */
describe('SwitchboardStack analytics pipeline', () => {
  let s: Synthesized;
  const only = (type: string, prefix: string): string => {
    const ids = Object.keys(s.template.findResources(type)).filter((id) => id.startsWith(prefix));
    expect(ids, `${type} ${prefix}`).toHaveLength(1);
    return ids[0] as string;
  };
  const statementsOf = (fn: string): { Action: string | string[]; Resource: unknown }[] => {
    const role =
      s.template.toJSON().Resources[only('AWS::Lambda::Function', `Functions${fn}Function`)].Properties.Role[
        'Fn::GetAtt'
      ][0];
    return Object.values(s.template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
  };
  const actionsOn = (fn: string, resourcePrefix: string): string[] =>
    statementsOf(fn)
      .filter((st) => JSON.stringify(st.Resource).includes(resourcePrefix))
      .flatMap((st) => st.Action);
  const table = (name: string) => only('AWS::DynamoDB::Table', `Data${name}Table`);
  const stream = () => only('AWS::Kinesis::Stream', 'StreamsEventsStream');

  beforeAll(() => {
    s = synthesize();
  }, synthTimeout);

  it('passes the AwsSolutions checks with every finding acknowledged', () => {
    expect(s.nagFindings.filter((f) => /Ingest|Aggregator|Events/.test(f))).toEqual([]);
  });

  it('creates the events stream on-demand, encrypted with the AWS-managed key', () => {
    s.template.resourceCountIs('AWS::Kinesis::Stream', 1);
    s.template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  it('keeps analytics counters with a TTL', () => {
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
    expect(s.template.toJSON().Resources[table('Analytics')].Properties.TimeToLiveSpecification).toEqual({
      AttributeName: 'ttl',
      Enabled: true,
    });
  });

  it('indexes custom-event counters by environment and time', () => {
    expect(s.template.toJSON().Resources[table('Analytics')].Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'eventsByEnv',
        KeySchema: [
          { AttributeName: 'envPk', KeyType: 'HASH' },
          { AttributeName: 'envSk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('maps the stream to the aggregator with partial batch responses, bisection, retries and a DLQ', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: only('AWS::Lambda::Function', 'FunctionsAggregatorFunction') },
      EventSourceArn: { 'Fn::GetAtt': [stream(), 'Arn'] },
      BatchSize: 1000,
      MaximumBatchingWindowInSeconds: 1,
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: -1,
      BisectBatchOnFunctionError: true,
      // Watermarks need a shard's records in order: one batch per shard at a time.
      ParallelizationFactor: 1,
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [only('AWS::SQS::Queue', 'EventSourcesAggregatorFromEvents'), 'Arn'] },
        },
      },
    });
    s.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('routes both events paths to the ingest function and insights to the api-insights function', () => {
    const routes = Object.values(s.template.findResources('AWS::ApiGatewayV2::Route'));
    const integrations = s.template.findResources('AWS::ApiGatewayV2::Integration');
    const target = (key: string) => {
      const route = routes.find((r) => r.Properties.RouteKey === key);
      const id = route?.Properties.Target['Fn::Join'][1][1].Ref as string;
      return integrations[id]?.Properties.IntegrationUri['Fn::GetAtt'][0];
    };
    expect(target('POST /sdk/v1/events')).toBe(only('AWS::Lambda::Function', 'FunctionsIngestFunction'));
    expect(target('POST /sdk/v1/events/{clientSideId}')).toBe(
      only('AWS::Lambda::Function', 'FunctionsIngestFunction'),
    );
    expect(target('GET /api/v1/projects/{project}/environments/{env}/flags/{flag}/insights')).toBe(
      only('AWS::Lambda::Function', 'FunctionsApiInsightsFunction'),
    );
  });

  describe('least privilege', () => {
    it('lets ingest put records on the stream and read flags (for keys), nothing else', () => {
      const onStream = actionsOn('Ingest', stream());
      expect(onStream).toEqual(expect.arrayContaining(['kinesis:PutRecord', 'kinesis:PutRecords']));
      expect(onStream).not.toContain('kinesis:GetRecords');
      expect(actionsOn('Ingest', table('Flags'))).toContain('dynamodb:GetItem');
      expect(actionsOn('Ingest', table('Flags'))).not.toContain('dynamodb:PutItem');
      expect(actionsOn('Ingest', table('Analytics'))).toEqual([]);
    });

    it('lets the aggregator read the stream and update analytics, nothing else', () => {
      const onStream = actionsOn('Aggregator', stream());
      expect(onStream).toEqual(expect.arrayContaining(['kinesis:GetRecords', 'kinesis:GetShardIterator']));
      expect(onStream).not.toContain('kinesis:PutRecords');
      expect(actionsOn('Aggregator', table('Analytics'))).toEqual(
        expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:GetItem']),
      );
      expect(actionsOn('Aggregator', table('Flags'))).toEqual([]);
      expect(statementsOf('Aggregator').flatMap((st) => st.Action)).toContain('sqs:SendMessage');
    });

    it('lets the api function only read analytics', () => {
      expect(actionsOn('ApiInsights', table('Analytics'))).toEqual(
        expect.arrayContaining(['dynamodb:Query']),
      );
      expect(actionsOn('ApiInsights', table('Analytics'))).not.toContain('dynamodb:UpdateItem');
      expect(actionsOn('ApiInsights', stream())).toEqual([]);
    });

    it('gives the ingest and aggregator functions the stream and table names', () => {
      for (const fn of ['Ingest', 'Aggregator']) {
        const env =
          s.template.toJSON().Resources[only('AWS::Lambda::Function', `Functions${fn}Function`)].Properties
            .Environment.Variables;
        expect(env).toMatchObject({
          EVENTS_STREAM: { Ref: stream() },
          ANALYTICS_TABLE: { Ref: table('Analytics') },
        });
      }
    });
  });

  it('sizes the aggregator for a batch of 1,000 records', () => {
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('Analytics aggregator'),
      MemorySize: 1024,
      Timeout: 120,
    });
  });
});
