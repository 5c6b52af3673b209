import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  functions as declaredFunctions,
  type FunctionDeclaration,
  type FunctionName,
  functionNameVar,
} from '@switchboard/topology';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DataStreams } from './data-streams.js';
import type { DataTables } from './data-tables.js';
import { assertUnique, lookUp, pascalCase } from './declarations.js';
import { TopologyError } from './errors.js';
import { metricsNamespace } from './monitoring.js';
import { importsPowertools, PowertoolsLayer, powertoolsModules } from './powertools-layer.js';

/** The repository root: declared entries are relative to it, and it holds `package-lock.json`. */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest Node.js runtime in this aws-cdk-lib; handlers are bundled for it. */
export const runtime = Runtime.NODEJS_24_X;

/**
 * esbuild emits ESM, in which `require` does not exist; CommonJS dependencies bundled into it still
 * call `require` for Node built-ins, so the banner gives them one.
 */
export const requireBanner =
  "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);";

/**
 * The handlers bundle the workspace packages from their TypeScript source, which the
 * `@switchboard/source` export condition names (docs/packaging.md); esbuild drops its default
 * `module` condition when given any, so it is listed again.
 */
export const bundlingConditions = ['@switchboard/source', 'module'] as const;

/**
 * The modules no bundle carries: the AWS SDK, which Lambda's Node.js runtime provides, and Powertools,
 * which its layer provides to the functions that import it (lib/powertools-layer.ts).
 */
export const bundlingExternals: readonly string[] = ['@aws-sdk/*', ...powertoolsModules];

/**
 * Context key that makes every bundle also write esbuild's metafile (`index.meta.json`) beside it,
 * for `npm run bench:bundles` or `cdk synth -c switchboard:bundleMetafile=true`. Off by default: the
 * file would be deployed with the code.
 */
export const bundleMetafileContext = 'switchboard:bundleMetafile';

/**
 * Context key that turns on AWS X-Ray active tracing for every function
 * (`cdk deploy -c switchboard:tracing=true`; docs/operations.md). Off by default: traces cost per
 * request, and the metrics and logs answer the usual questions.
 */
export const tracingContext = 'switchboard:tracing';

export interface FunctionsProps {
  /**
   * The functions to create.
   * @default every function of the topology (`@switchboard/topology`)
   */
  readonly functions?: readonly FunctionDeclaration[];
  /** The tables the declarations grant access to; every function gets every table's name. */
  readonly tables: DataTables;
  /** The streams the declarations write to; every function gets every stream's name. */
  readonly streams: DataStreams;
  /**
   * Directory the declared entries are relative to; it must hold `package-lock.json`.
   * @default the repository root
   */
  readonly projectRoot?: string;
  /**
   * How long the functions' logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
}

/**
 * One `NodejsFunction` per declaration (arm64, newest Node.js runtime, minified ESM with source maps,
 * bundled by the local esbuild, the AWS SDK and Powertools left out), each with its own log group,
 * Powertools' layer if its code imports Powertools, the physical names of every table and stream in
 * its environment, and exactly the table and stream access its declaration lists.
 *
 * @example
 * ```ts
 * const fns = new Functions(stack, 'Functions', { tables, streams });
 * new HttpLambdaIntegration('Api', fns.function('api-admin'));
 * ```
 */
export class Functions extends Construct {
  /** The declarations the functions were built from. */
  public readonly declarations: readonly FunctionDeclaration[];
  /** The created functions by logical name. */
  public readonly functions: ReadonlyMap<FunctionName, NodejsFunction>;
  /** The on-failure destination of each function another one invokes asynchronously. */
  public readonly asyncFailures: ReadonlyMap<FunctionName, Queue>;
  /** Powertools' layer, given to every function whose code imports Powertools; none if no code does. */
  public readonly powertools: PowertoolsLayer | undefined;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    this.declarations = props.functions ?? declaredFunctions;

    assertUnique(
      this.declarations.map((f) => f.name),
      'Function',
    );
    for (const declaration of this.declarations) {
      const referrer = `Function "${declaration.name}"`;
      for (const table of [
        ...(declaration.tables.read ?? []),
        ...(declaration.tables.write ?? []),
        ...(declaration.tables.append ?? []),
        ...(declaration.tables.update ?? []).map((update) => update.table),
      ]) {
        lookUp(props.tables.tables, table, 'table', referrer);
      }
      for (const stream of declaration.streams?.write ?? []) {
        lookUp(props.streams.streams, stream, 'stream', referrer);
      }
      for (const target of declaration.invokes ?? []) {
        if (!this.declarations.some((f) => f.name === target)) {
          throw new TopologyError(`${referrer} invokes function "${target}", which is not declared`);
        }
      }
    }

    const environment: Record<string, string> = {
      // Bundles ship source maps; this makes stack traces in the logs point at the TypeScript.
      NODE_OPTIONS: '--enable-source-maps',
      // The `service` of every log record and the dimension of every metric: the stack's name, so
      // two stacks in one account keep their metrics apart (lib/monitoring.ts reads them).
      POWERTOOLS_SERVICE_NAME: Stack.of(this).stackName,
      POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
      POWERTOOLS_LOG_LEVEL: 'INFO',
    };
    // Names are not secrets, and handing every handler the same names keeps their configuration
    // loading uniform; what a function may do with a table is decided by the grants below.
    for (const table of props.tables.declarations) {
      environment[table.envVar] = props.tables.table(table.name).tableName;
    }
    for (const stream of props.streams.declarations) {
      environment[stream.envVar] = props.streams.stream(stream.name).streamName;
    }

    const tracing =
      this.node.tryGetContext(tracingContext) === true || this.node.tryGetContext(tracingContext) === 'true';
    const projectRoot = props.projectRoot ?? repositoryRoot;
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const lockFile = join(projectRoot, 'package-lock.json');
    const usingPowertools = new Set(
      this.declarations.filter((d) => importsPowertools(d.entry, projectRoot)).map((d) => d.name),
    );
    this.powertools =
      usingPowertools.size > 0 ? new PowertoolsLayer(this, 'Powertools', { lockFile }) : undefined;
    const functions = new Map<FunctionName, NodejsFunction>();
    for (const declaration of this.declarations) {
      const stem = pascalCase(declaration.name);
      const logGroup = new LogGroup(this, `${stem}Logs`, {
        retention: logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      functions.set(
        declaration.name,
        new NodejsFunction(this, `${stem}Function`, {
          entry: join(projectRoot, declaration.entry),
          handler: declaration.handler ?? 'handler',
          description: declaration.description,
          runtime,
          architecture: Architecture.ARM_64,
          memorySize: declaration.memoryMb ?? 256,
          timeout: Duration.seconds(declaration.timeoutSeconds ?? 10),
          logGroup,
          ...(tracing ? { tracing: Tracing.ACTIVE } : {}),
          environment,
          projectRoot,
          depsLockFilePath: lockFile,
          ...(this.powertools && usingPowertools.has(declaration.name)
            ? { layers: [this.powertools.layer] }
            : {}),
          bundling: {
            externalModules: [...bundlingExternals],
            format: OutputFormat.ESM,
            target: 'node24',
            mainFields: ['module', 'main'],
            banner: requireBanner,
            minify: true,
            sourceMap: true,
            sourcesContent: false,
            metafile: this.node.tryGetContext(bundleMetafileContext) === true,
            forceDockerBundling: false,
            esbuildArgs: {
              '--conditions': bundlingConditions.join(','),
              // Non-ASCII characters as themselves rather than `\uXXXX` escapes (a third of the bytes
              // of validation code full of Unicode ranges). Passed as an argument: this aws-cdk-lib
              // declares the `charset` prop but does not hand it to esbuild.
              '--charset': 'utf8',
            },
          },
        }),
      );
    }
    this.functions = functions;

    for (const declaration of this.declarations) {
      this.grant(declaration, props);
      if (tracing) {
        Validations.of(this.function(declaration.name)).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'X-Ray tracing (switchboard:tracing): xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
        });
      }
    }
    this.asyncFailures = new Map(
      [...new Set(this.declarations.flatMap((d) => d.invokes ?? []))].map((name) => [
        name,
        this.keepAsyncFailures(name),
      ]),
    );
  }

  /**
   * Lambda retries a failed asynchronous invocation twice and then drops the event; the queue keeps
   * it instead (for a fan-out worker: which slice missed which frames), for inspection and replay.
   */
  private keepAsyncFailures(name: FunctionName): Queue {
    const stem = pascalCase(name);
    const failures = new Queue(this, `${stem}AsyncFailures`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself the on-failure destination of the ${name} function's asynchronous invocations: it keeps the events Lambda gave up on, for inspection and replay.`,
    });
    this.function(name).configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(failures) });
    return failures;
  }

  /** The function declared as `name`; throws if there is none. */
  public function(name: FunctionName): NodejsFunction {
    return lookUp(this.functions, name, 'function', this.node.path);
  }

  private grant(declaration: FunctionDeclaration, { tables, streams }: FunctionsProps): void {
    const fn = this.function(declaration.name);
    const read = declaration.tables.read ?? [];
    const write = declaration.tables.write ?? [];
    for (const name of read) tables.table(name).grantReadData(fn);
    for (const name of write) tables.table(name).grantReadWriteData(fn);
    for (const name of declaration.tables.append ?? []) {
      const table = tables.table(name);
      table.grantReadData(fn);
      // PutItem adds; without UpdateItem, DeleteItem or BatchWriteItem nothing written can change.
      table.grant(fn, 'dynamodb:PutItem');
    }
    for (const { table, partitionKeyPrefix } of declaration.tables.update ?? []) {
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:UpdateItem'],
          resources: [tables.table(table).tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${partitionKeyPrefix}*`] } },
        }),
      );
    }
    for (const name of declaration.streams?.write ?? []) streams.stream(name).grantWrite(fn);
    for (const name of declaration.invokes ?? []) {
      const target = this.function(name);
      target.grantInvoke(fn);
      fn.addEnvironment(functionNameVar(name), target.functionName);
      const logicalId = Stack.of(target).getLogicalId(target.node.defaultChild as CfnFunction);
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: `Invoking the ${name} function, any version or alias of it (grantInvoke's ARN:*); no other function.`,
      });
    }

    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs, which every Lambda function needs.',
    });
    // The table grants cover the table's indexes as `<table ARN>/index/*`; queries by index are part
    // of the declared access, and the wildcard only spans indexes of a table the function may use.
    for (const name of new Set([...read, ...write, ...(declaration.tables.append ?? [])])) {
      const table = tables.table(name);
      if (!tables.declarations.find((t) => t.name === name)?.globalSecondaryIndexes?.length) continue;
      const logicalId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnTable);
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
        reason: `Queries on the ${name} table's declared global secondary indexes; the wildcard spans only that table's indexes.`,
      });
    }
  }
}
