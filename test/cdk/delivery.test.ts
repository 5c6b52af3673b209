import { functionNamed, functionNameVar, functions, webSocketRoutes } from '@switchboard/topology';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureEntry, type Synthesized, synthesize, synthTimeout } from './synth.js';

/**
 * The delivery path as the topology declares it: WebSocket routes, the fan-out on the flags stream,
 * its worker and the grants between them. Entries are the stand-in handler, so this checks the
 * declaration and the constructs, not the handlers' code.
 */
describe('SwitchboardStack: real-time delivery', () => {
  let s: Synthesized;
  const only = (type: string, prefix: string): string => {
    const ids = Object.keys(s.template.findResources(type)).filter((id) => id.startsWith(prefix));
    expect(ids, `${type} ${prefix}`).toHaveLength(1);
    return ids[0] as string;
  };
  const functionId = (stem: string) => only('AWS::Lambda::Function', `Functions${stem}Function`);
  const policyOf = (stem: string): string =>
    JSON.stringify(
      Object.values(s.template.findResources('AWS::IAM::Policy')).filter((p) =>
        JSON.stringify(p.Properties.Roles).includes(`Functions${stem}FunctionServiceRole`),
      ),
    );
  const envOf = (stem: string) =>
    s.template.toJSON().Resources[functionId(stem)].Properties.Environment.Variables as Record<
      string,
      unknown
    >;

  beforeAll(() => {
    s = synthesize({
      declarations: { functions: functions.map((fn) => ({ ...fn, entry: fixtureEntry })) },
    });
  }, synthTimeout);

  it('passes the AwsSolutions checks with every finding acknowledged', () => {
    expect(s.nagFindings).toEqual([]);
  });

  it('routes $connect, $disconnect and $default to their functions, with a route response for pongs', () => {
    const routes = Object.values(s.template.findResources('AWS::ApiGatewayV2::Route')).filter(
      (r) => !String(r.Properties.RouteKey).includes(' '),
    );
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(
      webSocketRoutes.map((r) => r.routeKey).sort(),
    );
    const withResponse = routes.filter((r) => r.Properties.RouteResponseSelectionExpression === '$default');
    expect(withResponse.map((r) => r.Properties.RouteKey)).toEqual(['$default']);
    s.template.resourceCountIs('AWS::ApiGatewayV2::RouteResponse', 1);
  });

  it('maps the flags stream to the fan-out, filtered to environment flag and segment items', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId('Fanout') },
      EventSourceArn: { 'Fn::GetAtt': [only('AWS::DynamoDB::Table', 'DataFlagsTable'), 'StreamArn'] },
      StartingPosition: 'LATEST',
      FilterCriteria: {
        Filters: [
          {
            Pattern: '{"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"ENV#"}]},"sk":{"S":[{"prefix":"FLAG#"}]}}}}',
          },
          {
            Pattern:
              '{"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"ENV#"}]},"sk":{"S":[{"prefix":"SEGMENT#"}]}}}}',
          },
        ],
      },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: Match.anyValue(),
    });
  });

  it('lets the fan-out, its worker and the revoker, and only they, manage connections on the stage', () => {
    for (const stem of ['Fanout', 'FanoutWorker', 'Revoker']) {
      expect(policyOf(stem)).toContain('execute-api:ManageConnections');
      expect(JSON.stringify(envOf(stem).WS_MANAGEMENT_ENDPOINT)).toContain('/production');
    }
    for (const stem of [
      'ApiAdmin',
      'ApiAuthoring',
      'ApiInsights',
      'ApiEvaluate',
      'Sdk',
      'WsConnect',
      'WsDisconnect',
      'WsMessage',
      'KeyExpiry',
    ]) {
      expect(policyOf(stem)).not.toContain('execute-api:ManageConnections');
      expect(envOf(stem).WS_MANAGEMENT_ENDPOINT).toBeUndefined();
    }
  });

  it('lets the fan-out invoke the worker, by the name in FANOUT_WORKER_FUNCTION', () => {
    expect(functionNamed('fanout').invokes).toEqual(['fanout-worker']);
    expect(policyOf('Fanout')).toContain('lambda:InvokeFunction');
    expect(policyOf('Fanout')).toContain(functionId('FanoutWorker'));
    expect(envOf('Fanout')[functionNameVar('fanout-worker')]).toEqual({ Ref: functionId('FanoutWorker') });
    expect(policyOf('FanoutWorker')).not.toContain('lambda:InvokeFunction');
  });

  it('keeps worker invocations Lambda gave up on (after two retries) in an encrypted queue', () => {
    const queue = only('AWS::SQS::Queue', 'FunctionsFanoutWorkerAsyncFailures');
    s.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId('FanoutWorker') },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
    // The worker's and the fan-out's (invoked by the write path's fast path).
    expect(Object.keys(s.template.findResources('AWS::Lambda::EventInvokeConfig'))).toHaveLength(2);
    expect(policyOf('FanoutWorker')).toContain('sqs:SendMessage');
  });

  it('lets the flag and segment writers hand committed changes to the fan-out, by the name in FANOUT_FUNCTION', () => {
    expect(functionNamed('api-authoring').invokes).toEqual(['fanout']);
    expect(policyOf('ApiAuthoring')).toContain('lambda:InvokeFunction');
    expect(policyOf('ApiAuthoring')).toContain(functionId('Fanout'));
    expect(policyOf('ApiAuthoring')).not.toContain(functionId('FanoutWorker'));
    expect(envOf('ApiAuthoring')[functionNameVar('fanout')]).toEqual({ Ref: functionId('Fanout') });
    for (const stem of ['ApiAdmin', 'ApiInsights', 'ApiEvaluate']) {
      expect(policyOf(stem)).not.toContain('lambda:InvokeFunction');
    }
  });

  it('gives $connect read access to the credentials and write access to connections only', () => {
    const connect = policyOf('WsConnect');
    expect(connect).toContain(only('AWS::DynamoDB::Table', 'DataConnectionsTable'));
    expect(connect).toContain(only('AWS::DynamoDB::Table', 'DataFlagsTable'));
    expect(connect).not.toContain(only('AWS::DynamoDB::Table', 'DataAuditTable'));
  });

  it('lets $default (browser identify) and the fan-out read the flags table for evaluation', () => {
    for (const stem of ['WsMessage', 'Fanout', 'FanoutWorker']) {
      const policy = policyOf(stem);
      expect(policy).toContain(only('AWS::DynamoDB::Table', 'DataFlagsTable'));
      expect(policy).toContain(only('AWS::DynamoDB::Table', 'DataConnectionsTable'));
      expect(policy).not.toContain(only('AWS::DynamoDB::Table', 'DataAuditTable'));
    }
  });

  describe('revocation', () => {
    it('maps the flags stream to the revoker, filtered to removed SDK key and client-side id items', () => {
      s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: functionId('Revoker') },
        EventSourceArn: { 'Fn::GetAtt': [only('AWS::DynamoDB::Table', 'DataFlagsTable'), 'StreamArn'] },
        FilterCriteria: {
          Filters: [
            { Pattern: '{"eventName":["REMOVE"],"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"SDKKEY#"}]}}}}' },
            {
              Pattern: '{"eventName":["REMOVE"],"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"CLIENTSIDE#"}]}}}}',
            },
          ],
        },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    it('runs the key-expiry sweep every minute', () => {
      s.template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(1 minute)',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId('KeyExpiry'), 'Arn'] } })],
      });
      s.template.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': [functionId('KeyExpiry'), 'Arn'] },
        Principal: 'events.amazonaws.com',
      });
    });

    /** The actions a function's policy allows on a table (its ARN, its indexes excluded). */
    const actionsOn = (stem: string, table: string): string[] =>
      Object.values(s.template.findResources('AWS::IAM::Policy'))
        .filter((p) => JSON.stringify(p.Properties.Roles).includes(`Functions${stem}FunctionServiceRole`))
        .flatMap(
          (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
        )
        .filter((statement) => JSON.stringify(statement.Resource).includes(`"${table}","Arn"`))
        .flatMap((statement) => [statement.Action].flat());

    it('lets the sweep write the flags table only, and the revoker read it and write connections', () => {
      const flags = only('AWS::DynamoDB::Table', 'DataFlagsTable');
      const connections = only('AWS::DynamoDB::Table', 'DataConnectionsTable');
      expect(actionsOn('KeyExpiry', flags)).toContain('dynamodb:DeleteItem');
      expect(actionsOn('KeyExpiry', connections)).toEqual([]);
      expect(actionsOn('Revoker', flags)).toContain('dynamodb:GetItem');
      expect(actionsOn('Revoker', flags)).not.toContain('dynamodb:DeleteItem');
      expect(actionsOn('Revoker', connections)).toContain('dynamodb:DeleteItem');
    });
  });
});
