import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SwitchboardStack } from '../lib/switchboard-stack.js';

/**
 * Configuration comes from context (`-c name=value` or cdk.json) and falls back to the environment:
 *   corsAllowOrigins / SWITCHBOARD_CORS_ALLOW_ORIGINS  comma-separated origins allowed to call the management API besides the dashboard's
 *   retainData / SWITCHBOARD_RETAIN_DATA               "false" lets `cdk destroy` delete the flags and audit tables
 *   dashboardDir / SWITCHBOARD_DASHBOARD_DIR           a built dashboard to deploy instead of building packages/dashboard
 */
const app = new App();
const setting = (contextKey: string, envVar: string): string | undefined =>
  (app.node.tryGetContext(contextKey) as string | undefined) ?? process.env[envVar];

const origins = setting('corsAllowOrigins', 'SWITCHBOARD_CORS_ALLOW_ORIGINS');
const retainData = setting('retainData', 'SWITCHBOARD_RETAIN_DATA') !== 'false';
const dashboardDir = setting('dashboardDir', 'SWITCHBOARD_DASHBOARD_DIR');

new SwitchboardStack(app, 'Switchboard', {
  description: 'Switchboard: self-hosted feature flags',
  corsAllowOrigins: origins
    ?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
  retainedTables: retainData ? undefined : [],
  dashboard: dashboardDir ? { appDir: resolve(dashboardDir) } : undefined,
});

// The AwsSolutions checks run on every synth, so no deployment can skip them: an unacknowledged
// finding fails `cdk synth` and `cdk deploy`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
