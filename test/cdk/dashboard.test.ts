import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpRoutes, preflightRoutes, routeKey, webSocketRoutes } from '@switchboard/topology';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, contentSecurityPolicy, DashboardHosting } from '../../lib/dashboard-hosting.js';
import { pascalCase } from '../../lib/declarations.js';
import { DashboardBuildError, TopologyError } from '../../lib/errors.js';
import { fixtureDashboard, type Synthesized, synthesize, synthTimeout, unbundledApp } from './synth.js';

/** CloudFormation's `Fn::Join` of strings and references, as one string with `${LogicalId}` for each. */
function joined(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(joined).join(join[0]);
  const ref = (value as { Ref?: string }).Ref;
  if (ref) return `\${${ref}}`;
  const att = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (att) return `\${${att[0]}.${att[1]}}`;
  return JSON.stringify(value);
}

describe('dashboard hosting in the stack', () => {
  let s: Synthesized;
  const resources = (type: string) => s.template.findResources(type);
  const onlyId = (type: string, prefix = '') => {
    const ids = Object.keys(resources(type)).filter((id) => id.startsWith(prefix));
    expect(ids, `${type} ${prefix}`).toHaveLength(1);
    return ids[0] as string;
  };
  const distributionConfig = () =>
    Object.values(resources('AWS::CloudFront::Distribution'))[0]?.Properties.DistributionConfig;
  const environmentOf = (fn: string) =>
    resources('AWS::Lambda::Function')[onlyId('AWS::Lambda::Function', `Functions${fn}Function`)]?.Properties
      .Environment.Variables;

  beforeAll(() => {
    s = synthesize({ corsAllowOrigins: ['https://flags.example.com'] });
  }, synthTimeout);

  it('passes the AwsSolutions checks with every finding acknowledged', () => {
    expect(s.nagFindings).toEqual([]);
  });

  describe('bucket', () => {
    it('is private, encrypted and logged to the access-log bucket', () => {
      const logs = onlyId('AWS::S3::Bucket', 'DashboardAccessLogs');
      s.template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: logs }, LogFilePrefix: 's3/' },
      });
    });

    it('keeps access logs for a month, and keeps the log bucket when the stack is deleted', () => {
      const logs = s.template.toJSON().Resources[onlyId('AWS::S3::Bucket', 'DashboardAccessLogs')];
      expect(logs.DeletionPolicy).toBe('Retain');
      expect(logs.Properties).toMatchObject({
        LifecycleConfiguration: { Rules: [{ ExpirationInDays: 30, Status: 'Enabled' }] },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      });
    });

    it('refuses plain HTTP and lets only this distribution read, through origin access control', () => {
      const app = onlyId('AWS::S3::Bucket', 'DashboardApp');
      const distribution = onlyId('AWS::CloudFront::Distribution');
      const policy = Object.values(resources('AWS::S3::BucketPolicy')).find(
        (p) => p.Properties.Bucket.Ref === app,
      )?.Properties.PolicyDocument.Statement as Record<string, unknown>[];
      expect(policy).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          expect.objectContaining({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: {
              StringEquals: { 'AWS:SourceArn': expect.anything() },
            },
          }),
        ]),
      );
      expect(JSON.stringify(policy)).toContain(distribution);
      s.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
      });
      expect(distributionConfig().Origins[0]).toMatchObject({
        OriginAccessControlId: { 'Fn::GetAtt': [onlyId('AWS::CloudFront::OriginAccessControl'), 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      });
    });
  });

  describe('distribution', () => {
    it('redirects HTTP to HTTPS, serves index.html for client-side routes and logs requests', () => {
      expect(distributionConfig()).toMatchObject({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: {
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: ['GET', 'HEAD'],
          ResponseHeadersPolicyId: { Ref: onlyId('AWS::CloudFront::ResponseHeadersPolicy') },
        },
        CustomErrorResponses: [403, 404].map((ErrorCode) => ({
          ErrorCode,
          ResponseCode: 200,
          ResponsePagePath: '/index.html',
          ErrorCachingMinTTL: 0,
        })),
        Logging: { Prefix: 'cloudfront/' },
      });
    });

    it('sends the security headers', () => {
      s.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: {
          SecurityHeadersConfig: {
            StrictTransportSecurity: {
              AccessControlMaxAgeSec: 63072000,
              IncludeSubdomains: true,
              Override: true,
            },
            ContentTypeOptions: { Override: true },
            FrameOptions: { FrameOption: 'DENY', Override: true },
            ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
            ContentSecurityPolicy: { Override: true },
          },
        },
      });
    });

    it('allows connections to its own origin, the HTTP API and the WebSocket API, and nothing else', () => {
      const config = Object.values(resources('AWS::CloudFront::ResponseHeadersPolicy'))[0]?.Properties
        .ResponseHeadersPolicyConfig;
      const csp = joined(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
      const http = onlyId('AWS::ApiGatewayV2::Api', 'HttpApi');
      const ws = onlyId('AWS::ApiGatewayV2::Api', 'WebSocketApi');
      const directives = Object.fromEntries(
        csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
      );
      expect(directives).toEqual({
        'default-src': "'none'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data:",
        'font-src': "'self'",
        'manifest-src': "'self'",
        'connect-src': `'self' https://\${${http}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/ wss://\${${ws}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/production`,
        'base-uri': "'none'",
        'form-action': "'none'",
        'frame-ancestors': "'none'",
        'object-src': "'none'",
        'upgrade-insecure-requests': '',
      });
    });

    it('is the stack output DashboardUrl', () => {
      const url = joined(s.template.findOutputs('DashboardUrl').DashboardUrl?.Value);
      expect(url).toBe(`https://\${${onlyId('AWS::CloudFront::Distribution')}.DomainName}/`);
    });
  });

  describe('deployment', () => {
    const deployments = () => Object.entries(resources('Custom::CDKBucketDeployment'));
    const deployment = (prefix: string) => {
      const found = deployments().find(([id]) => id.startsWith(prefix));
      expect(found, prefix).toBeDefined();
      return found as [string, { Properties: Record<string, unknown>; DependsOn?: string[] }];
    };

    it('uploads the hashed assets for good, kept across deployments', () => {
      expect(deployment('DashboardDeployAssets')[1].Properties).toMatchObject({
        Exclude: ['*'],
        Include: ['assets/*'],
        Prune: false,
        SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      });
    });

    it('then the rest with config.json, revalidated by browsers, and invalidates the cache', () => {
      const [, site] = deployment('DashboardDeploySite');
      expect(site.Properties).toMatchObject({
        Exclude: ['assets/*'],
        Prune: true,
        SystemMetadata: { 'cache-control': 'no-cache' },
        DistributionId: { Ref: onlyId('AWS::CloudFront::Distribution') },
        DistributionPaths: ['/*'],
      });
      expect(site.DependsOn).toEqual(
        expect.arrayContaining([expect.stringMatching(/^DashboardDeployAssetsCustomResource/)]),
      );
    });

    it('writes config.json with the real API and WebSocket URLs at deploy time', () => {
      const [, site] = deployment('DashboardDeploySite');
      const markers = site.Properties.SourceMarkers as Record<string, unknown>[];
      const resolved = markers.flatMap((m) => Object.values(m).map(joined)).join(' ');
      const http = onlyId('AWS::ApiGatewayV2::Api', 'HttpApi');
      const ws = onlyId('AWS::ApiGatewayV2::Api', 'WebSocketApi');
      for (const part of [`\${${http}}`, `\${${ws}}`, `\${AWS::Region}`]) expect(resolved).toContain(part);
    });
  });

  describe('CORS of the HTTP API', () => {
    it('leaves CORS to the functions: no API-level configuration, which would override theirs', () => {
      s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.absent(),
      });
    });

    it('routes the preflight of every path that allows cross-origin calls to the path’s function', () => {
      const preflights = preflightRoutes(httpRoutes);
      s.template.resourceCountIs(
        'AWS::ApiGatewayV2::Route',
        httpRoutes.length + preflights.length + webSocketRoutes.length,
      );
      const routes = Object.values(resources('AWS::ApiGatewayV2::Route'));
      const integrations = resources('AWS::ApiGatewayV2::Integration');
      for (const preflight of preflights) {
        const route = routes.find((r) => r.Properties.RouteKey === routeKey(preflight));
        const integration = integrations[route?.Properties.Target['Fn::Join'][1][1].Ref];
        expect(JSON.stringify(integration?.Properties.IntegrationUri), routeKey(preflight)).toContain(
          `Functions${pascalCase(preflight.function)}Function`,
        );
      }
      expect(preflights.map(routeKey)).toEqual(
        expect.arrayContaining([
          'OPTIONS /api/v1/projects',
          'OPTIONS /sdk/v1/evaluate/{clientSideId}',
          'OPTIONS /sdk/v1/events/{clientSideId}',
        ]),
      );
      expect(preflights.map(routeKey)).not.toContain('OPTIONS /sdk/v1/flags');
    });

    it('hands the dashboard’s origin, and the configured ones, to the management API alone', () => {
      const distribution = onlyId('AWS::CloudFront::Distribution');
      expect(joined(environmentOf('ApiAdmin').DASHBOARD_ORIGINS)).toBe(
        `https://flags.example.com,https://\${${distribution}.DomainName}`,
      );
      for (const fn of ['Sdk', 'Ingest']) expect(environmentOf(fn).DASHBOARD_ORIGINS).toBeUndefined();
    });
  });
});

describe('DashboardHosting props', () => {
  const api = { apiUrl: 'https://api.example.com/' };
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-dashboard-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a folder without a build when no build is given', () => {
    const stack = new Stack(unbundledApp(), 'Test');
    expect(() => new DashboardHosting(stack, 'Dashboard', { ...api, appDir: join(dir, 'none') })).toThrow(
      new TopologyError(
        `The dashboard is not built: ${join(dir, 'none')} has no index.html. Build it (npm run build -w @switchboard/dashboard) or point appDir at a built copy.`,
      ),
    );
  });

  it('refuses a build whose sources are missing', () => {
    const stack = new Stack(unbundledApp(), 'Test');
    const build = { sourceDir: join(dir, 'no-sources'), command: ['true'] };
    expect(
      () => new DashboardHosting(stack, 'Dashboard', { ...api, appDir: join(dir, 'none'), build }),
    ).toThrow(/its sources are not at .*no-sources/);
  });

  it(
    'builds a missing app while the stack is bundled, and ships what the build wrote',
    () => {
      const sourceDir = join(dir, 'app');
      const appDir = join(sourceDir, 'dist');
      mkdirSync(sourceDir);
      const script = `require('node:fs').mkdirSync('dist/assets', { recursive: true });
      require('node:fs').writeFileSync('dist/index.html', '<!doctype html><title>built</title>');`;
      const app = new App({ outdir: join(dir, 'cdk.out') });
      const stack = new Stack(app, 'Built');
      new DashboardHosting(stack, 'Dashboard', {
        ...api,
        appDir,
        build: { sourceDir, command: [process.execPath, '-e', script] },
      });
      const outdir = app.synth().directory;
      const shipped = readdirSync(outdir)
        .filter((name) => name.startsWith('asset.'))
        .map((name) => join(outdir, name, 'index.html'))
        .filter((file) => existsSync(file));
      expect(shipped.map((file) => readFileSync(file, 'utf8'))).toEqual([
        '<!doctype html><title>built</title>',
      ]);
    },
    synthTimeout,
  );

  it('says which command failed, and when a build writes no index.html', () => {
    const sourceDir = join(dir, 'failing');
    expect(() =>
      buildDashboard({ sourceDir: dir, command: [process.execPath, '-e', 'process.exit(3)'] }, sourceDir),
    ).toThrow(DashboardBuildError);
    expect(() =>
      buildDashboard({ sourceDir: dir, command: [process.execPath, '-e', 'process.exit(3)'] }, sourceDir),
    ).toThrow(/failed \(exit 3\)/);
    expect(() =>
      buildDashboard({ sourceDir: dir, command: [process.execPath, '-e', ''] }, sourceDir),
    ).toThrow(/succeeded but wrote no index.html/);
  });

  it('uses a folder that holds a build as it is', () => {
    const stack = new Stack(unbundledApp(), 'Test');
    new DashboardHosting(stack, 'Dashboard', { ...api, appDir: fixtureDashboard });
    Template.fromStack(stack).resourceCountIs('Custom::CDKBucketDeployment', 2);
  });

  it('lists only the given URLs besides its own origin in connect-src', () => {
    expect(contentSecurityPolicy(['https://api.example.com/'])).toContain(
      "connect-src 'self' https://api.example.com/;",
    );
  });
});
