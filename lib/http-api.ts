import {
  corsPolicyOf,
  type HttpRoute as DeclaredRoute,
  dashboardOriginsVar,
  httpRoutes as declaredRoutes,
  type FunctionName,
  httpThrottleClasses,
  preflightRoutes,
  type RouteAuth,
  routeKey,
} from '@switchboard/topology';
import { Token, Validations } from 'aws-cdk-lib';
import {
  type CfnStage,
  HttpApi as GatewayHttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { accessLogs } from './access-logs.js';
import { assertUnique, lookUp, pascalCase } from './declarations.js';
import { TopologyError } from './errors.js';
import type { Functions } from './functions.js';
import { resolveThrottles, routeSettings, type ThrottleOverrides } from './throttles.js';

export interface HttpApiProps {
  /** The functions the routes invoke. */
  readonly functions: Functions;
  /**
   * The routes to create.
   * @default every HTTP route of the topology (`@switchboard/topology`)
   */
  readonly routes?: readonly DeclaredRoute[];
  /**
   * Origins (`https://flags.example.com`, no path) whose pages may call the management API, as the
   * dashboard does; more can be added with {@link HttpApi.allowDashboardOrigins}. The client-side SDK
   * routes allow every origin whatever this says, the server SDK routes none.
   * @default none: browsers refuse cross-origin calls to the management API
   */
  readonly corsAllowOrigins?: readonly string[];
  /**
   * Changes to the topology's throttle limits. Each route is throttled by its class's limit
   * (`throttleClassOf`), a preflight route by the class of the path's first route, and anything else
   * by the `management` limit, the stage's default.
   * @default the topology's `throttleLimits`
   */
  readonly throttles?: ThrottleOverrides;
  /**
   * How long access logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
}

const origin = /^https?:\/\/[^/\s,]+$/;

function assertOrigin(allowed: string): void {
  // No "*": the management API takes bearer tokens, and only pages meant to hold them should call it.
  if (!Token.isUnresolved(allowed) && !origin.test(allowed)) {
    throw new TopologyError(
      `CORS origin "${allowed}" must be a scheme and host without a path, like https://flags.example.com`,
    );
  }
}

/** What the handler checks in place of an API Gateway authorizer, for cdk-nag's record. */
const handlerAuth: Record<RouteAuth['kind'], string> = {
  apiToken:
    'authorised in the handler: the bearer API token is hashed with SHA-256 and looked up among the stored token hashes, and its role checked',
  sdkKey:
    'authorised in the handler: the server-side SDK key is hashed with SHA-256 and looked up among the stored key hashes',
  clientSideId:
    'identified by the public client-side ID in the path, which by design is no secret; only flags marked client-side are evaluated',
  public: 'deliberately public (the OpenAPI description holds no data)',
};

/**
 * The API Gateway HTTP API (payload format 2.0): one route per declaration to its function, each
 * throttled by its class's limit from the topology, and JSON access logs on the `$default` stage.
 * Authorisation happens in the handlers (API tokens and SDK keys are verified against stored
 * hashes), not in API Gateway. So does CORS: API Gateway's own CORS is one policy for the whole API
 * and overrides the functions' headers, whereas each route has its own policy (`corsPolicyOf` in the
 * topology); so there is none here, every path that allows cross-origin calls gets an `OPTIONS`
 * route to its function, and the functions that serve the management API learn the allowed origins
 * in `DASHBOARD_ORIGINS`.
 *
 * @example
 * ```ts
 * const http = new HttpApi(stack, 'Http', { functions, corsAllowOrigins: ['https://flags.example.com'] });
 * new CfnOutput(stack, 'Url', { value: http.url });
 * ```
 */
export class HttpApi extends Construct {
  /** The HTTP API. */
  public readonly api: GatewayHttpApi;
  /** Its `$default` stage, which carries throttling and access logging. */
  public readonly stage: HttpStage;
  /** The created routes by route key (`GET /sdk/v1/flags`), preflight (`OPTIONS`) routes included. */
  public readonly routes: ReadonlyMap<string, HttpRoute>;
  private readonly declaredRoutes: readonly DeclaredRoute[];
  private readonly functions: Functions;
  private readonly dashboardOrigins: string[] = [];

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const routes = props.routes ?? declaredRoutes;
    const origins = props.corsAllowOrigins ?? [];

    assertUnique(routes.map(routeKey), 'HTTP route');
    for (const route of routes) {
      lookUp(props.functions.functions, route.function, 'function', `HTTP route "${routeKey(route)}"`);
    }
    origins.forEach(assertOrigin);
    let preflights: ReturnType<typeof preflightRoutes<FunctionName>>;
    try {
      preflights = preflightRoutes(routes);
    } catch (error) {
      throw new TopologyError((error as Error).message, { cause: error });
    }
    this.declaredRoutes = routes;
    this.functions = props.functions;
    const limits = resolveThrottles(props.throttles);

    this.api = new GatewayHttpApi(this, 'Api', {
      description: 'Switchboard management and SDK API',
      createDefaultStage: false,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: limits.management,
      accessLogSettings: accessLogs(this, props.logRetention ?? RetentionDays.ONE_MONTH, {
        method: '$context.httpMethod',
        path: '$context.path',
        protocol: '$context.protocol',
        responseLength: '$context.responseLength',
        latency: '$context.responseLatency',
      }),
    });

    // One integration (and one invoke permission) per function rather than one per route: Lambda
    // resource policies are size-limited and the API has dozens of routes.
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName): HttpLambdaIntegration => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${pascalCase(name)}Integration`,
          props.functions.function(name),
          {
            payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
            scopePermissionToRoute: false,
          },
        );
        integrations.set(name, integration);
      }
      return integration;
    };

    const created = new Map<string, HttpRoute>();
    for (const route of routes) {
      const httpRoute = new HttpRoute(this.api, routeKey(route), {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationFor(route.function),
      });
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${routeKey(route)} is ${handlerAuth[route.auth.kind]}.`,
      });
      created.set(routeKey(route), httpRoute);
    }
    for (const preflight of preflights) {
      const httpRoute = new HttpRoute(this.api, routeKey(preflight), {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(preflight.path, HttpMethod.OPTIONS),
        integration: integrationFor(preflight.function),
      });
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${routeKey(preflight)} is a CORS preflight, which browsers send without credentials; the ${preflight.function} function answers it with the path's CORS policy (${preflight.cors}) and does nothing else.`,
      });
      created.set(routeKey(preflight), httpRoute);
    }
    this.routes = created;

    const stage = this.stage.node.defaultChild as CfnStage;
    stage.routeSettings = Object.fromEntries(
      [...httpThrottleClasses(routes, preflights)].map(([key, throttle]) => [
        key,
        routeSettings(limits[throttle]),
      ]),
    );
    // Route settings may only name routes that exist when the stage is updated.
    for (const route of created.values()) this.stage.node.addDependency(route);
    if (origins.length > 0) this.allowDashboardOrigins(...origins);
  }

  /**
   * Lets pages of these origins call the management API: sets `DASHBOARD_ORIGINS` on the functions
   * that serve routes of the `dashboard` CORS policy. Origins may be tokens (a distribution's domain).
   *
   * @example
   * ```ts
   * http.allowDashboardOrigins(`https://${distribution.distributionDomainName}`);
   * ```
   */
  public allowDashboardOrigins(...origins: string[]): void {
    origins.forEach(assertOrigin);
    this.dashboardOrigins.push(...origins);
    const serving = new Set(
      this.declaredRoutes.filter((r) => corsPolicyOf(r) === 'dashboard').map((r) => r.function),
    );
    for (const name of serving) {
      this.functions.function(name).addEnvironment(dashboardOriginsVar, this.dashboardOrigins.join(','));
    }
  }

  /** The API's base URL (`https://{id}.execute-api.{region}.amazonaws.com/`). */
  public get url(): string {
    return this.stage.url;
  }
}
