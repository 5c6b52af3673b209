import { resolve } from 'node:path';
import { Annotations, App, ReferenceStrength, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SwitchboardEdgeStack } from '../lib/edge-stack.js';
import { SwitchboardStack } from '../lib/switchboard-stack.js';

/**
 * Configuration comes from context (`-c name=value` or cdk.json) and falls back to the environment:
 *   corsAllowOrigins / SWITCHBOARD_CORS_ALLOW_ORIGINS  comma-separated origins allowed to call the management API besides the dashboard's
 *   retainData / SWITCHBOARD_RETAIN_DATA               "false" lets `cdk destroy` delete the flags and audit tables
 *   dashboardDir / SWITCHBOARD_DASHBOARD_DIR           a built dashboard to deploy instead of building packages/dashboard
 *   throttles / SWITCHBOARD_THROTTLES                  JSON: per throttle class, rateLimit and/or burstLimit replacing the topology's
 *   reservedConcurrency / SWITCHBOARD_RESERVED_CONCURRENCY  "false" for none, or JSON: function name → reserved executions
 *   waf / SWITCHBOARD_WAF                              "true" adds the SwitchboardEdge stack (WAF web ACL, us-east-1) and puts the API behind it
 *   wafWebAclArn / SWITCHBOARD_WAF_WEB_ACL_ARN         an existing CLOUDFRONT web ACL to put the API behind instead
 *   wafRateLimit / SWITCHBOARD_WAF_RATE_LIMIT          requests per client address per 5 minutes before the web ACL answers 429
 * See docs/deploy.md.
 */
const app = new App();
const setting = (contextKey: string, envVar: string): unknown =>
  app.node.tryGetContext(contextKey) ?? process.env[envVar];
const text = (contextKey: string, envVar: string): string | undefined => {
  const value = setting(contextKey, envVar);
  return value === undefined ? undefined : String(value);
};
/** A JSON setting: an object in cdk.json, or its text from `-c` or the environment. */
const json = <T>(contextKey: string, envVar: string): T | undefined => {
  const value = setting(contextKey, envVar);
  if (typeof value !== 'string') return value as T | undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    throw new Error(`${contextKey} (${envVar}) must be JSON, got: ${value}`);
  }
};

const origins = text('corsAllowOrigins', 'SWITCHBOARD_CORS_ALLOW_ORIGINS');
const retainData = text('retainData', 'SWITCHBOARD_RETAIN_DATA') !== 'false';
const dashboardDir = text('dashboardDir', 'SWITCHBOARD_DASHBOARD_DIR');
const waf = text('waf', 'SWITCHBOARD_WAF') === 'true';
const wafRateLimit = text('wafRateLimit', 'SWITCHBOARD_WAF_RATE_LIMIT');
let webAclArn = text('wafWebAclArn', 'SWITCHBOARD_WAF_WEB_ACL_ARN');

// A web ACL for CloudFront lives in us-east-1, so with `waf` the app has two stacks and each needs
// its account and region (the CDK CLI sets these from the credentials).
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
if (waf) {
  if (!account || !region) {
    throw new Error(
      'waf=true needs the target account and region: run cdk with AWS credentials (or set CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION)',
    );
  }
  const edge = new SwitchboardEdgeStack(app, 'SwitchboardEdge', {
    description: 'Switchboard: the WAF web ACL in front of the API (CloudFront, so in us-east-1)',
    env: { account, region: 'us-east-1' },
    firewall: wafRateLimit ? { rateLimit: Number(wafRateLimit) } : undefined,
  });
  // Read from the edge stack's output (Fn::GetStackOutput, which crosses regions without custom
  // resources); WAF itself refuses to delete a web ACL that a distribution still uses.
  webAclArn = Stack.consumeReference(edge.firewall.arn, ReferenceStrength.WEAK);
}

const stack = new SwitchboardStack(app, 'Switchboard', {
  description: 'Switchboard: self-hosted feature flags',
  ...(waf ? { env: { account, region } } : {}),
  corsAllowOrigins: origins
    ?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
  retainedTables: retainData ? undefined : [],
  dashboard: dashboardDir ? { appDir: resolve(dashboardDir) } : undefined,
  throttles: json('throttles', 'SWITCHBOARD_THROTTLES'),
  reservedConcurrency: json('reservedConcurrency', 'SWITCHBOARD_RESERVED_CONCURRENCY'),
  firewall: webAclArn ? { webAclArn } : undefined,
});
Annotations.of(stack).acknowledgeWarning(
  '@aws-cdk/core:crossStackReferencesDefaultStrong',
  'The only cross-stack reference, the web ACL ARN, is weak by choice (above)',
);

// The AwsSolutions checks run on every synth, so no deployment can skip them: an unacknowledged
// finding fails `cdk synth` and `cdk deploy`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
