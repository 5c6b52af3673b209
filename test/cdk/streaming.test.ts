import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { streamingFixture } from './fixtures/streaming.js';
import { type Synthesized, synthesize, synthTimeout } from './synth.js';

describe('SwitchboardStack with streams, event sources and WebSocket routes', () => {
  let s: Synthesized;
  const only = (type: string, prefix: string): string => {
    const ids = Object.keys(s.template.findResources(type)).filter((id) => id.startsWith(prefix));
    expect(ids, `${type} ${prefix}`).toHaveLength(1);
    return ids[0] as string;
  };
  const policyOf = (fn: string): string =>
    JSON.stringify(
      Object.values(s.template.findResources('AWS::IAM::Policy')).filter((p) =>
        JSON.stringify(p.Properties.Roles).includes(`Functions${fn}FunctionServiceRole`),
      ),
    );

  beforeAll(() => {
    s = synthesize({ declarations: streamingFixture });
  }, synthTimeout);

  it('passes the AwsSolutions checks with every finding acknowledged', () => {
    expect(s.nagFindings).toEqual([]);
  });

  it('creates an on-demand Kinesis stream encrypted with the AWS-managed key', () => {
    s.template.resourceCountIs('AWS::Kinesis::Stream', 1);
    s.template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  it('maps the flags table stream to its consumer with the declared settings', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: only('AWS::Lambda::Function', 'FunctionsSdkFunction') },
      EventSourceArn: { 'Fn::GetAtt': [only('AWS::DynamoDB::Table', 'DataFlagsTable'), 'StreamArn'] },
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      StartingPosition: 'LATEST',
      FilterCriteria: { Filters: [{ Pattern: '{"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"ENV#"}]}}}}' }] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 3,
      BisectBatchOnFunctionError: true,
      ParallelizationFactor: 4,
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [only('AWS::SQS::Queue', 'EventSourcesSdkFromFlags'), 'Arn'] },
        },
      },
    });
  });

  it('maps the Kinesis stream with defaults for what the declaration leaves out', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [only('AWS::Kinesis::Stream', 'StreamsEventsStream'), 'Arn'] },
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 0,
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: Match.absent(),
      FilterCriteria: Match.absent(),
      MaximumRetryAttempts: 5,
      BisectBatchOnFunctionError: false,
      ParallelizationFactor: 1,
    });
  });

  it('sends failed batches to an encrypted queue that refuses plain HTTP', () => {
    // One per event source mapping, and one per asynchronously invoked function (fan-out worker;
    // fan-out, from the write path's fast path).
    s.template.resourceCountIs('AWS::SQS::Queue', 4);
    s.template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    s.template.resourceCountIs('AWS::SQS::QueuePolicy', 4);
    s.template.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('grants each consumer its source, and the writer PutRecords on the stream', () => {
    expect(policyOf('Sdk')).toContain('dynamodb:GetRecords');
    expect(policyOf('Sdk')).toContain('sqs:SendMessage');
    expect(policyOf('ApiAdmin')).toContain('kinesis:GetRecords');
    expect(policyOf('ApiAdmin')).toContain('kinesis:PutRecords');
    expect(policyOf('Sdk')).not.toContain('kinesis:');
  });

  it('hands every function the stream name', () => {
    const declared = Object.entries(s.template.findResources('AWS::Lambda::Function')).filter(([id]) =>
      id.startsWith('Functions'),
    );
    expect(declared.length).toBeGreaterThan(0);
    for (const [, fn] of declared) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        EVENTS_STREAM: { Ref: only('AWS::Kinesis::Stream', 'StreamsEventsStream') },
      });
    }
  });

  describe('WebSocket API', () => {
    it('routes by action to the declared functions', () => {
      s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      });
      const routes = Object.values(s.template.findResources('AWS::ApiGatewayV2::Route'))
        .map((r) => r.Properties.RouteKey as string)
        .filter((key) => !key.includes(' '));
      expect(routes.sort()).toEqual(['$connect', '$default', '$disconnect', 'identify']);
    });

    it('serves a throttled, access-logged production stage', () => {
      s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: 'production',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingBurstLimit: 2000, ThrottlingRateLimit: 1000 },
        AccessLogSettings: { Format: Match.stringLikeRegexp('connectionId') },
      });
      s.template.hasResourceProperties('AWS::ApiGateway::Account', { CloudWatchRoleArn: Match.anyValue() });
    });

    it('lets only the declared function manage connections, through WS_MANAGEMENT_ENDPOINT', () => {
      expect(policyOf('ApiAdmin')).toContain('execute-api:ManageConnections');
      expect(policyOf('Sdk')).not.toContain('execute-api:ManageConnections');
      const env = (fn: string) =>
        s.template.toJSON().Resources[only('AWS::Lambda::Function', `Functions${fn}Function`)].Properties
          .Environment.Variables;
      expect(JSON.stringify(env('ApiAdmin').WS_MANAGEMENT_ENDPOINT)).toContain('/production');
      expect(env('Sdk').WS_MANAGEMENT_ENDPOINT).toBeUndefined();
    });

    it('outputs the WebSocket URL', () => {
      expect(Object.keys(s.template.findOutputs('WebSocketUrl'))).toEqual(['WebSocketUrl']);
    });
  });
});
