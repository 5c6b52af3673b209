import { readFileSync } from 'node:fs';
import {
  httpRoutes,
  preflightRoutes,
  routeKey,
  throttleClassOf,
  throttleLimits,
  webSocketRoutes,
} from '@switchboard/topology';
import { ReferenceStrength, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiFirewall } from '../../lib/api-firewall.js';
import { defaultReservedConcurrency } from '../../lib/concurrency.js';
import { SwitchboardEdgeStack } from '../../lib/edge-stack.js';
import { TopologyError } from '../../lib/errors.js';
import { SwitchboardStack } from '../../lib/switchboard-stack.js';
import {
  fixtureDashboard,
  nagFindingsOf,
  type Synthesized,
  synthesize,
  synthTimeout,
  unbundledApp,
} from './synth.js';

type Resources = Record<string, { Properties: Record<string, unknown>; DependsOn?: string[] }>;

const stageNamed = (template: Template, name: string) => {
  const stages = Object.entries(template.findResources('AWS::ApiGatewayV2::Stage') as Resources).filter(
    ([, stage]) => stage.Properties.StageName === name,
  );
  expect(stages).toHaveLength(1);
  return stages[0] as [string, Resources[string]];
};
const routeSettingsOf = (template: Template, stageName: string) =>
  stageNamed(template, stageName)[1].Properties.RouteSettings as Record<
    string,
    { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
  >;
const limit = (rateLimit: number, burstLimit: number) => ({
  ThrottlingRateLimit: rateLimit,
  ThrottlingBurstLimit: burstLimit,
});
const reservations = (template: Template) =>
  Object.fromEntries(
    Object.entries(template.findResources('AWS::Lambda::Function') as Resources)
      .filter(([, fn]) => fn.Properties.ReservedConcurrentExecutions !== undefined)
      .map(([id, fn]) => [
        id.replace(/^Functions(\w+?)Function.*$/, '$1'),
        fn.Properties.ReservedConcurrentExecutions,
      ]),
  );

describe('abuse limits with the defaults', () => {
  let s: Synthesized;

  beforeAll(() => {
    s = synthesize();
  }, synthTimeout);

  it('passes the AwsSolutions checks with every finding acknowledged', () => {
    expect(s.nagFindings).toEqual([]);
  });

  it('throttles each HTTP route by its class, SDK, client-side and ingest routes apart from management', () => {
    const settings = routeSettingsOf(s.template, '$default');
    expect(settings['GET /sdk/v1/flags']).toEqual(limit(1000, 1000));
    expect(settings['POST /sdk/v1/evaluate/{clientSideId}']).toEqual(limit(500, 1000));
    expect(settings['POST /sdk/v1/events']).toEqual(limit(500, 1000));
    expect(settings['POST /sdk/v1/events/{clientSideId}']).toEqual(limit(500, 1000));
    expect(settings['PATCH /api/v1/projects/{project}/flags/{flag}']).toEqual(limit(50, 100));
    expect(settings['GET /api/v1/openapi.json']).toEqual(limit(50, 100));
    for (const route of httpRoutes) {
      const { rateLimit, burstLimit } = throttleLimits[throttleClassOf(route)];
      expect(settings[routeKey(route)], routeKey(route)).toEqual(limit(rateLimit, burstLimit));
    }
  });

  it('throttles a preflight like the routes it precedes, and anything undeclared as management', () => {
    const settings = routeSettingsOf(s.template, '$default');
    expect(settings['OPTIONS /sdk/v1/evaluate/{clientSideId}']).toEqual(limit(500, 1000));
    expect(settings['OPTIONS /api/v1/projects']).toEqual(limit(50, 100));
    expect(Object.keys(settings).sort()).toEqual(
      [...httpRoutes, ...preflightRoutes(httpRoutes)].map(routeKey).sort(),
    );
    expect(stageNamed(s.template, '$default')[1].Properties.DefaultRouteSettings).toEqual(limit(50, 100));
  });

  it('throttles $connect apart from the messages, at the account’s new-connection rate', () => {
    const settings = routeSettingsOf(s.template, 'production');
    expect(settings.$connect).toEqual(limit(500, 500));
    expect(settings.$default).toEqual(limit(1000, 2000));
    expect(Object.keys(settings).sort()).toEqual(webSocketRoutes.map((r) => r.routeKey).sort());
    expect(stageNamed(s.template, 'production')[1].Properties.DefaultRouteSettings).toEqual(
      limit(1000, 2000),
    );
  });

  it('updates each stage only after the routes its settings name exist', () => {
    const routeIds = (prefix: string) =>
      Object.keys(s.template.findResources('AWS::ApiGatewayV2::Route')).filter((id) => id.startsWith(prefix));
    const [, http] = stageNamed(s.template, '$default');
    const [, webSocket] = stageNamed(s.template, 'production');
    expect(http.DependsOn).toEqual(expect.arrayContaining(routeIds('HttpApi')));
    expect(webSocket.DependsOn).toEqual(expect.arrayContaining(routeIds('WebSocketApi')));
    expect(routeIds('HttpApi').length).toBeGreaterThan(0);
    expect(routeIds('WebSocketApi')).toHaveLength(webSocketRoutes.length);
  });

  it('reserves concurrency for the fan-out, its workers and the management API only', () => {
    expect(reservations(s.template)).toEqual({
      Fanout: 40,
      FanoutWorker: 32,
      ApiAdmin: 5,
      ApiAuthoring: 10,
      ApiInsights: 5,
    });
  });

  it('creates no WAF web ACL and no API distribution without a firewall', () => {
    s.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    s.template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    expect(Object.keys(s.template.findOutputs('ProtectedApiUrl'))).toEqual([]);
  });
});

describe("docs/deploy.md's abuse-limit settings", () => {
  const deployDoc = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
  const examples = (setting: string) =>
    [...deployDoc.matchAll(new RegExp(`-c ${setting}='([^']+)'`, 'g'))].map((match) =>
      JSON.parse(match[1] as string),
    );

  it('gives the default reservations the stack makes', () => {
    const cell = /\| `reservedConcurrency` \|[^|]*\| `([^`]+)` \|/.exec(deployDoc)?.[1];
    expect(JSON.parse(cell as string)).toEqual(defaultReservedConcurrency);
  });

  it.each(['throttles', 'reservedConcurrency'])(
    'builds a stack from each `-c %s` example',
    (setting) => {
      const values = examples(setting);
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) {
        const stack = new SwitchboardStack(unbundledApp(), 'Switchboard', {
          dashboard: { appDir: fixtureDashboard },
          [setting]: value,
        });
        expect(stack.stackName).toBe('Switchboard');
      }
    },
    synthTimeout,
  );
});

describe('abuse limits changed per deployment', () => {
  let s: Synthesized;

  beforeAll(() => {
    s = synthesize({
      throttles: { sdk: { rateLimit: 2500, burstLimit: 3000 }, connect: { rateLimit: 200 } },
      reservedConcurrency: { fanout: 4, 'api-authoring': 8 },
    });
  }, synthTimeout);

  it('applies throttle overrides to their classes and keeps the other limits', () => {
    expect(routeSettingsOf(s.template, '$default')['GET /sdk/v1/flags']).toEqual(limit(2500, 3000));
    expect(routeSettingsOf(s.template, '$default')['POST /sdk/v1/events']).toEqual(limit(500, 1000));
    expect(routeSettingsOf(s.template, 'production').$connect).toEqual(limit(200, 500));
  });

  it('reserves exactly the concurrency given, in place of the defaults', () => {
    expect(reservations(s.template)).toEqual({ Fanout: 4, ApiAuthoring: 8 });
  });

  it(
    'reserves none when reserved concurrency is turned off',
    () => {
      const off = new SwitchboardStack(unbundledApp(), 'Switchboard', {
        dashboard: { appDir: fixtureDashboard },
        reservedConcurrency: false,
      });
      expect(reservations(Template.fromStack(off))).toEqual({});
    },
    synthTimeout,
  );

  it.each([
    [{ throttles: { sdk: { rateLimit: -1 } } }, 'throttles.sdk.rateLimit must be a non-negative number'],
    [{ throttles: { ingest: { burstLimit: 1.5 } } }, 'throttles.ingest.burstLimit must be'],
    [{ throttles: { snapshot: { rateLimit: 1 } } }, 'Unknown throttle class "snapshot"'],
    [{ reservedConcurrency: { fanout: 0 } }, 'reservedConcurrency.fanout must be a positive whole number'],
    [{ reservedConcurrency: { fanuot: 5 } }, 'reservedConcurrency names function "fanuot"'],
  ])(
    'refuses %j',
    (props, message) => {
      expect(
        () =>
          new SwitchboardStack(unbundledApp(), 'Switchboard', {
            dashboard: { appDir: fixtureDashboard },
            ...(props as object),
          }),
      ).toThrow(
        expect.objectContaining({ name: TopologyError.name, message: expect.stringContaining(message) }),
      );
    },
    synthTimeout,
  );
});

describe('optional WAF in front of the API', () => {
  const account = '111111111111';
  let edge: SwitchboardEdgeStack;
  let stack: SwitchboardStack;
  let edgeTemplate: Template;
  let template: Template;

  beforeAll(() => {
    const app = unbundledApp();
    edge = new SwitchboardEdgeStack(app, 'SwitchboardEdge', { env: { account, region: 'us-east-1' } });
    stack = new SwitchboardStack(app, 'Switchboard', {
      env: { account, region: 'eu-west-1' },
      dashboard: { appDir: fixtureDashboard },
      firewall: { webAclArn: Stack.consumeReference(edge.firewall.arn, ReferenceStrength.WEAK) },
    });
    edgeTemplate = Template.fromStack(edge);
    template = Template.fromStack(stack);
  }, synthTimeout);

  const distributions = () =>
    Object.entries(template.findResources('AWS::CloudFront::Distribution') as Resources).map(
      ([id, d]) => [id, d.Properties.DistributionConfig as Record<string, unknown>] as const,
    );
  const apiDistribution = () => {
    const found = distributions().filter(([id]) => id.startsWith('ApiEdge'));
    expect(found).toHaveLength(1);
    return found[0] as (typeof found)[number];
  };

  it('passes the AwsSolutions checks in both stacks', () => {
    expect(nagFindingsOf(edge)).toEqual([]);
    expect(nagFindingsOf(stack)).toEqual([]);
  });

  it('makes a CloudFront web ACL with a rate rule per address that answers 429, then AWS managed rules', () => {
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Name: 'RequestsPerAddress',
          Priority: 0,
          Statement: {
            RateBasedStatement: { AggregateKeyType: 'IP', Limit: 6000, EvaluationWindowSec: 300 },
          },
          Action: {
            Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'TooManyRequests' } },
          },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' },
          },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: {
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
              RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
            },
          },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' },
          },
        }),
      ],
      CustomResponseBodies: {
        TooManyRequests: { ContentType: 'APPLICATION_JSON', Content: '{"message":"Too Many Requests"}' },
      },
    });
    expect(Object.keys(edgeTemplate.findOutputs('WebAclArn'))).toEqual(['WebAclArn']);
  });

  it('puts the HTTP API behind an uncached distribution that forwards all but Host, with the web ACL', () => {
    const [, config] = apiDistribution();
    expect(config.WebACLId).toBeDefined();
    const behavior = config.DefaultCacheBehavior as Record<string, unknown>;
    expect(behavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      // The managed CachingDisabled and AllViewerExceptHostHeader policies.
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    });
    const [origin] = config.Origins as { DomainName: unknown; CustomOriginConfig: unknown }[];
    expect(JSON.stringify(origin?.DomainName)).toContain('ApiEndpoint');
    expect(origin?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(Object.keys(template.findOutputs('ProtectedApiUrl'))).toEqual(['ProtectedApiUrl']);
  });

  it('filters the dashboard with the same web ACL, and lets it call the API through the distribution', () => {
    const acls = distributions().map(([, config]) => config.WebACLId);
    expect(acls).toHaveLength(2);
    expect(acls[0]).toEqual(acls[1]);
    // Read across regions from the edge stack's output.
    expect(acls[0]).toMatchObject({
      'Fn::GetStackOutput': { StackName: 'SwitchboardEdge', Region: 'us-east-1' },
    });
    const [apiId] = apiDistribution();
    const policy = JSON.stringify(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(policy).toContain(apiId);
  });

  it('refuses a web ACL for CloudFront outside us-east-1', () => {
    const elsewhere = new Stack(unbundledApp(), 'Elsewhere', { env: { region: 'eu-west-1' } });
    expect(() => new ApiFirewall(elsewhere, 'Firewall')).toThrow(/must be created in us-east-1/);
    const anywhere = new Stack(unbundledApp(), 'Anywhere');
    expect(() => new ApiFirewall(anywhere, 'Firewall', { rateLimit: 5 })).toThrow(/rateLimit/);
  });
});
