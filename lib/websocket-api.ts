import {
  type WebSocketRoute as DeclaredRoute,
  webSocketRoutes as declaredRoutes,
  type FunctionName,
  throttleClassOf,
} from '@switchboard/topology';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnApi,
  type CfnStage,
  WebSocketApi as GatewayWebSocketApi,
  type WebSocketRoute,
  WebSocketStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { accessLogs } from './access-logs.js';
import { assertUnique, lookUp, nagEnvironment, pascalCase } from './declarations.js';
import { TopologyError } from './errors.js';
import type { Functions } from './functions.js';
import { resolveThrottles, routeSettings, type ThrottleOverrides } from './throttles.js';

/** Environment variable through which functions find the `@connections` management endpoint. */
export const managementEndpointVar = 'WS_MANAGEMENT_ENDPOINT';

export interface WebSocketApiProps {
  /** The functions the routes invoke, and those declared to manage connections. */
  readonly functions: Functions;
  /**
   * The routes to create; `$connect` is required, because it is where SDK keys are checked.
   * @default every WebSocket route of the topology (`@switchboard/topology`)
   */
  readonly routes?: readonly DeclaredRoute[];
  /**
   * Name of the stage clients connect to.
   * @default 'production'
   */
  readonly stageName?: string;
  /**
   * Changes to the topology's throttle limits. Each route is throttled by its class's limit
   * (`throttleClassOf`: `connect` for `$connect`, else `messages`), anything else by `messages`, the
   * stage's default.
   * @default the topology's `throttleLimits`
   */
  readonly throttles?: ThrottleOverrides;
  /**
   * How long access logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
}

/**
 * The API Gateway WebSocket API: one route per declaration (`$connect`, `$disconnect`, `$default`,
 * `action` values, selected by `$request.body.action`) to its function, each throttled by its
 * class's limit from the topology, a stage with JSON access logs, and for every function declared
 * with `managesConnections` the `@connections` grant and the management endpoint in
 * `WS_MANAGEMENT_ENDPOINT`.
 */
export class WebSocketApi extends Construct {
  /** The WebSocket API. */
  public readonly api: GatewayWebSocketApi;
  /** The stage clients connect to. */
  public readonly stage: WebSocketStage;
  /** The created routes by route key. */
  public readonly routes: ReadonlyMap<string, WebSocketRoute>;

  constructor(scope: Construct, id: string, props: WebSocketApiProps) {
    super(scope, id);
    const routes = props.routes ?? declaredRoutes;

    assertUnique(
      routes.map((r) => r.routeKey),
      'WebSocket route',
    );
    if (!routes.some((r) => r.routeKey === '$connect')) {
      throw new TopologyError('The WebSocket API needs a $connect route: it is where SDK keys are verified');
    }
    for (const route of routes) {
      lookUp(props.functions.functions, route.function, 'function', `WebSocket route "${route.routeKey}"`);
    }

    this.api = new GatewayWebSocketApi(this, 'Api', {
      description: 'Switchboard real-time flag delivery',
      routeSelectionExpression: '$request.body.action',
    });
    const integrations = new Map<FunctionName, WebSocketLambdaIntegration>();
    const created = new Map<string, WebSocketRoute>();
    for (const route of routes) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new WebSocketLambdaIntegration(
          `${pascalCase(route.function)}Integration`,
          props.functions.function(route.function),
        );
        integrations.set(route.function, integration);
      }
      const webSocketRoute = this.api.addRoute(route.routeKey, {
        integration,
        ...(route.returnResponse ? { returnResponse: true } : {}),
      });
      Validations.of(webSocketRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          route.routeKey === '$connect'
            ? '$connect is authorised in the handler: the SDK key or client-side ID from the query string is verified against stored hashes before the connection is registered, and a bad one refuses the handshake.'
            : `${route.routeKey} runs on a connection that $connect already authorised; API Gateway authorizers only apply to $connect.`,
      });
      created.set(route.routeKey, webSocketRoute);
    }
    this.routes = created;

    const limits = resolveThrottles(props.throttles);
    const logging = this.accountLogging();
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: props.stageName ?? 'production',
      autoDeploy: true,
      throttle: limits.messages,
      accessLogSettings: accessLogs(this, props.logRetention ?? RetentionDays.ONE_MONTH, {
        eventType: '$context.eventType',
        connectionId: '$context.connectionId',
      }),
    });
    this.stage.node.addDependency(logging);
    (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      routes.map((route) => [route.routeKey, routeSettings(limits[throttleClassOf(route)])]),
    );
    // Route settings may only name routes that exist when the stage is updated.
    for (const route of created.values()) this.stage.node.addDependency(route);

    const { region, account } = nagEnvironment(Stack.of(this));
    for (const declaration of props.functions.declarations.filter((f) => f.managesConnections)) {
      const fn = props.functions.function(declaration.name);
      fn.addEnvironment(managementEndpointVar, this.stage.callbackUrl);
      this.stage.grantManagementApiAccess(fn);
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:${region}:${account}:<${this.logicalId(this.api)}>/${this.stage.stageName}/*/@connections/*]`,
        reason:
          'Posting to, reading and closing connections of this API stage: connection ids are only known at run time, and the wildcard is limited to this stage.',
      });
    }
  }

  /** The client URL (`wss://{id}.execute-api.{region}.amazonaws.com/production`). */
  public get url(): string {
    return this.stage.url;
  }

  /**
   * WebSocket (unlike HTTP) APIs write access logs through the account's API Gateway CloudWatch role,
   * a per-region account setting. It is retained so that other APIs in the account that rely on it
   * keep logging after this stack is deleted.
   */
  private accountLogging(): CfnAccount {
    const role = new Role(this, 'CloudWatchRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    });
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The AWS-managed policy API Gateway documents for its account logging role; it only allows creating and writing log groups and streams.',
    });
    const account = new CfnAccount(this, 'Account', { cloudWatchRoleArn: role.roleArn });
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return account;
  }

  private logicalId(api: GatewayWebSocketApi): string {
    return Stack.of(api).getLogicalId(api.node.defaultChild as CfnApi);
  }
}
