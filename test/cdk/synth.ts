import { fileURLToPath } from 'node:url';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SwitchboardStack, type SwitchboardStackProps } from '../../lib/switchboard-stack.js';

/** Entry of the stand-in handler, relative to the repository root like the topology's entries. */
export const fixtureEntry = 'test/cdk/fixtures/handler.ts';

/**
 * Declarations of one function, `api`, with `entry` as its handler, and nothing else: for tests of
 * how a function is built rather than of the topology.
 */
export const oneFunction = (
  entry: string,
  description = 'stand-in',
): SwitchboardStackProps['declarations'] => ({
  functions: [{ name: 'api-admin', entry, description, tables: {} }],
  httpRoutes: [],
  webSocketRoutes: [],
  eventSources: [],
  schedules: [],
});

/** A stand-in for the built dashboard: an index.html and one hashed asset. */
export const fixtureDashboard = fileURLToPath(new URL('./fixtures/dashboard', import.meta.url));

/** A synth takes seconds, and longer while other suites share the CPU. */
export const synthTimeout = 60_000;

export interface Synthesized {
  readonly stack: SwitchboardStack;
  readonly template: Template;
  /** Unacknowledged AwsSolutions findings, as `RuleId[finding] at construct path`. */
  readonly nagFindings: readonly string[];
}

/**
 * An app in which no stack is bundled (the standard `aws:cdk:bundling-stacks` context): the real
 * `NodejsFunction`s are built and checked, but esbuild does not run, so tests neither wait for it nor
 * depend on the state of handlers being written. `cdk synth` and the bundling test cover esbuild.
 */
export const unbundledApp = (): App => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

/** Synthesises the stack once, with the AwsSolutions pack run over it as the app runs it. */
export function synthesize(props: SwitchboardStackProps = {}): Synthesized {
  const stack = new SwitchboardStack(unbundledApp(), 'Switchboard', {
    dashboard: { appDir: fixtureDashboard },
    ...props,
  });
  return { stack, template: Template.fromStack(stack), nagFindings: nagFindingsOf(stack) };
}

/** Unacknowledged AwsSolutions findings in `stack`, as `RuleId[finding] at construct path`. */
export function nagFindingsOf(stack: Stack): string[] {
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
  );
}
