import {
  eventSources,
  functions,
  httpRoutes,
  preflightRoutes,
  routeKey,
  schedules,
  streams,
  tables,
  webSocketRoutes,
} from '@switchboard/topology';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { POSTED_PREFIX } from '../../lambdas/domain/posted-marks.js';
import { pascalCase } from '../../lib/declarations.js';
import { type Synthesized, synthesize, synthTimeout } from './synth.js';

const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

describe('SwitchboardStack with the topology', () => {
  let s: Synthesized;

  /** The logical id of the one resource of `type` whose id starts with `prefix`. */
  const logicalId = (type: string, prefix: string): string => {
    const ids = Object.keys(s.template.findResources(type)).filter((id) => id.startsWith(prefix));
    expect(ids, `${type} ${prefix}`).toHaveLength(1);
    return ids[0] as string;
  };
  /** The template's JSON for one resource (the template is untyped JSON). */
  const resource = (id: string) => s.template.toJSON().Resources[id];
  const tableId = (name: string) => logicalId('AWS::DynamoDB::Table', `Data${name}Table`);
  const functionId = (name: string) => logicalId('AWS::Lambda::Function', `Functions${name}Function`);
  /** Every statement of the policies attached to a function's role. */
  const statementsOf = (fn: string): { Action: string | string[]; Resource: unknown }[] => {
    const role = resource(functionId(fn)).Properties.Role['Fn::GetAtt'][0];
    return Object.values(s.template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
  };
  const actionsOn = (fn: string, table: string): string[] =>
    statementsOf(fn)
      .filter((st) => JSON.stringify(st.Resource).includes(tableId(table)))
      .flatMap((st) => st.Action);

  beforeAll(() => {
    s = synthesize();
  }, synthTimeout);

  it('passes the AwsSolutions checks with every finding acknowledged', () => {
    expect(s.nagFindings).toEqual([]);
  });

  describe('tables', () => {
    it('creates one on-demand, AWS-KMS-encrypted table per declaration', () => {
      s.template.resourceCountIs('AWS::DynamoDB::Table', tables.length);
      s.template.allResourcesProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
      });
    });

    it('streams new and old images of the flags table and keeps flags and audit recoverable', () => {
      s.template.hasResource('AWS::DynamoDB::Table', {
        Properties: Match.objectLike({
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
        DeletionPolicy: 'Retain',
      });
      expect(resource(tableId('Flags')).Properties.StreamSpecification).toEqual({
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      });
    });

    it.each(tables)('gives $name the declared PITR, TTL, indexes and removal policy', (table) => {
      const created = resource(tableId(pascalCase(table.name)));
      expect(created.Properties.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: table.pointInTimeRecovery ?? false,
      });
      expect(created.Properties.TimeToLiveSpecification).toEqual(
        table.timeToLiveAttribute ? { AttributeName: table.timeToLiveAttribute, Enabled: true } : undefined,
      );
      expect(
        (created.Properties.GlobalSecondaryIndexes ?? []).map((i: { IndexName: string }) => i.IndexName),
      ).toEqual((table.globalSecondaryIndexes ?? []).map((i) => i.indexName));
      expect(created.DeletionPolicy).toBe(['flags', 'audit'].includes(table.name) ? 'Retain' : 'Delete');
    });
  });

  describe('functions', () => {
    it('runs every declared function on the newest Node.js runtime on arm64', () => {
      const declared = Object.entries(s.template.findResources('AWS::Lambda::Function')).filter(([id]) =>
        id.startsWith('Functions'),
      );
      expect(declared).toHaveLength(functions.length);
      for (const [, fn] of declared) {
        expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
      }
    });

    it.each(functions)('sizes $name as declared and hands it every table name', (fn) => {
      const name = pascalCase(fn.name);
      const props = resource(functionId(name)).Properties;
      expect(props).toMatchObject({
        MemorySize: fn.memoryMb ?? 256,
        Timeout: fn.timeoutSeconds ?? 10,
        Handler: `index.${fn.handler ?? 'handler'}`,
        LoggingConfig: { LogGroup: { Ref: logicalId('AWS::Logs::LogGroup', `Functions${name}Logs`) } },
      });
      const env = props.Environment.Variables;
      for (const table of tables) {
        const tableName = pascalCase(table.name);
        expect(env[table.envVar]).toEqual({ Ref: tableId(tableName) });
      }
    });

    it('gives the fan-out and its workers one full vCPU: posting is signing-bound', () => {
      for (const name of ['Fanout', 'FanoutWorker']) {
        expect(resource(functionId(name)).Properties.MemorySize).toBe(1769);
      }
    });

    it.each(['ApiAdmin', 'ApiAuthoring'])(
      'lets %s write flags, append to the audit and no more than read analytics',
      (fn) => {
        expect(actionsOn(fn, 'Flags')).toEqual(expect.arrayContaining(writeActions));
        expect(actionsOn(fn, 'Audit')).toEqual(
          expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:GetItem']),
        );
        // An audit entry, once written, can be neither changed nor deleted by the function.
        for (const action of ['dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem']) {
          expect(actionsOn(fn, 'Audit')).not.toContain(action);
        }
        expect(actionsOn(fn, 'Analytics')).not.toEqual(expect.arrayContaining(['dynamodb:PutItem']));
      },
    );

    it('lets api-authoring only update the fast path’s marks in the connections table, api-admin nothing there', () => {
      expect(actionsOn('ApiAdmin', 'Connections')).toEqual([]);
      const statements = statementsOf('ApiAuthoring').filter((st) =>
        JSON.stringify(st.Resource).includes(tableId('Connections')),
      );
      expect(statements).toEqual([
        expect.objectContaining({
          Action: 'dynamodb:UpdateItem',
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${POSTED_PREFIX}*`] } },
        }),
      ]);
    });

    it('lets api-authoring read analytics (last evaluated), api-admin not', () => {
      expect(actionsOn('ApiAuthoring', 'Analytics')).toEqual(expect.arrayContaining(['dynamodb:Query']));
      expect(actionsOn('ApiAdmin', 'Analytics')).toEqual([]);
    });

    it('lets api-insights only read flags, the audit and analytics', () => {
      for (const table of ['Flags', 'Audit', 'Analytics']) {
        expect(actionsOn('ApiInsights', table)).toEqual(expect.arrayContaining(['dynamodb:Query']));
        for (const action of [...writeActions, 'dynamodb:PutItem']) {
          expect(actionsOn('ApiInsights', table)).not.toContain(action);
        }
      }
      expect(actionsOn('ApiInsights', 'Connections')).toEqual([]);
    });

    it('lets api-evaluate only read the flags table', () => {
      expect(actionsOn('ApiEvaluate', 'Flags')).toEqual(expect.arrayContaining(['dynamodb:Query']));
      for (const action of writeActions) expect(actionsOn('ApiEvaluate', 'Flags')).not.toContain(action);
      for (const table of ['Audit', 'Connections', 'Analytics'])
        expect(actionsOn('ApiEvaluate', table)).toEqual([]);
    });

    it('lets the sdk function read the flags table and nothing else', () => {
      expect(actionsOn('Sdk', 'Flags')).toEqual(
        expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']),
      );
      for (const action of writeActions) expect(actionsOn('Sdk', 'Flags')).not.toContain(action);
      for (const table of ['Audit', 'Connections', 'Analytics']) expect(actionsOn('Sdk', table)).toEqual([]);
    });

    it('covers the audit table indexes in the api grant', () => {
      const resourcesOfGrant = statementsOf('ApiInsights')
        .filter((st) => JSON.stringify(st.Resource).includes(tableId('Audit')))
        .flatMap((st) => st.Resource);
      expect(JSON.stringify(resourcesOfGrant)).toContain('/index/*');
    });
  });

  describe('HTTP API', () => {
    it('creates one route per declared HTTP route, to its function, with payload format 2.0', () => {
      s.template.resourceCountIs(
        'AWS::ApiGatewayV2::Route',
        httpRoutes.length + preflightRoutes(httpRoutes).length + webSocketRoutes.length,
      );
      const integrations = s.template.findResources('AWS::ApiGatewayV2::Integration');
      const routes = Object.values(s.template.findResources('AWS::ApiGatewayV2::Route'));
      for (const route of httpRoutes) {
        const created = routes.find((r) => r.Properties.RouteKey === routeKey(route));
        expect(created, routeKey(route)).toBeDefined();
        const integrationId = created?.Properties.Target['Fn::Join'][1][1].Ref as string;
        const integration = integrations[integrationId]?.Properties;
        const fn = pascalCase(route.function);
        expect(integration).toMatchObject({
          IntegrationType: 'AWS_PROXY',
          PayloadFormatVersion: '2.0',
          IntegrationUri: { 'Fn::GetAtt': [functionId(fn), 'Arn'] },
        });
      }
    });

    it('lets API Gateway invoke each HTTP function through one permission, and each WebSocket route', () => {
      // Besides those, EventBridge may invoke each scheduled function.
      s.template.resourceCountIs(
        'AWS::Lambda::Permission',
        new Set(httpRoutes.map((r) => r.function)).size + webSocketRoutes.length + schedules.length,
      );
    });

    it('throttles and access-logs the $default stage', () => {
      s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      });
    });
  });

  describe('first admin token', () => {
    it('is sbt_ followed by 40 letters and digits that Secrets Manager generates', () => {
      const randomPart = logicalId('AWS::SecretsManager::Secret', 'AdminTokenRandomPart');
      expect(resource(randomPart).Properties.GenerateSecretString).toEqual({
        PasswordLength: 40,
        ExcludePunctuation: true,
        IncludeSpace: false,
      });
      expect(resource(logicalId('AWS::SecretsManager::Secret', 'AdminTokenSecret')).Properties).toMatchObject(
        {
          SecretString: {
            'Fn::Join': ['', ['sbt_{{resolve:secretsmanager:', { Ref: randomPart }, ':SecretString:::}}']],
          },
        },
      );
    });

    it('is registered at deployment: a trigger runs the registrar after the secret and its tables', () => {
      const triggers = Object.values(s.template.findResources('Custom::Trigger'));
      expect(triggers).toHaveLength(1);
      const registrar = functionId('AdminTokenRegistrar');
      const [version] = Object.entries(s.template.findResources('AWS::Lambda::Version')).filter(
        ([, v]) => v.Properties.FunctionName.Ref === registrar,
      );
      expect(triggers[0]?.Properties).toMatchObject({
        HandlerArn: { Ref: version?.[0] },
        InvocationType: 'RequestResponse',
        ExecuteOnHandlerChange: true,
      });
      expect(triggers[0]?.DependsOn).toEqual(
        expect.arrayContaining([
          logicalId('AWS::SecretsManager::Secret', 'AdminTokenSecret'),
          tableId('Flags'),
          tableId('Audit'),
        ]),
      );
    });

    it('is readable by the registrar alone, with GetSecretValue on exactly that secret', () => {
      const secret = logicalId('AWS::SecretsManager::Secret', 'AdminTokenSecret');
      const readers = (fn: string) =>
        statementsOf(fn).filter((st) => JSON.stringify(st).includes('secretsmanager:'));
      expect(readers('AdminTokenRegistrar')).toEqual([
        { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: { Ref: secret } },
      ]);
      expect(resource(functionId('AdminTokenRegistrar')).Properties.Environment).toMatchObject({
        Variables: { ADMIN_TOKEN_SECRET_ARN: { Ref: secret } },
      });
      for (const fn of functions.filter((f) => f.name !== 'admin-token-registrar')) {
        const name = pascalCase(fn.name);
        expect(readers(name), fn.name).toEqual([]);
        expect(resource(functionId(name)).Properties.Environment.Variables, fn.name).not.toHaveProperty(
          'ADMIN_TOKEN_SECRET_ARN',
        );
      }
    });
  });

  it('creates the declared streams, event source mappings and asynchronous invocations with their failure queues, and the WebSocket API', () => {
    const invoked = new Set(functions.flatMap((fn) => fn.invokes ?? []));
    s.template.resourceCountIs('AWS::Kinesis::Stream', streams.length);
    s.template.resourceCountIs('AWS::Lambda::EventSourceMapping', eventSources.length);
    s.template.resourceCountIs('AWS::Lambda::EventInvokeConfig', invoked.size);
    s.template.resourceCountIs('AWS::SQS::Queue', eventSources.length + invoked.size);
    s.template.resourceCountIs('AWS::ApiGatewayV2::Api', 2);
    expect(s.stack.webSocket).toBeDefined();
  });

  it('outputs the dashboard and API URLs, the table names, the admin token secret and its registrar', () => {
    const outputs = Object.keys(s.template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining([
        'DashboardUrl',
        'HttpApiUrl',
        'FlagsTableName',
        'AuditTableName',
        'ConnectionsTableName',
        'AnalyticsTableName',
        'AdminTokenSecretArn',
        'AdminTokenSecretName',
        'AdminTokenRegistrarName',
      ]),
    );
    expect(outputs).toContain('WebSocketUrl');
  });
});
