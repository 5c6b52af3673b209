import {
  type HttpMethod as DeclaredMethod,
  type HttpRoute as DeclaredRoute,
  httpRoutes as declaredRoutes,
  type FunctionName,
  type RouteAuth,
  routeKey,
} from '@switchboard/topology';
import { Duration, Validations } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
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

export interface HttpApiProps {
  /** The functions the routes invoke. */
  readonly functions: Functions;
  /**
   * The routes to create.
   * @default every HTTP route of the topology (`@switchboard/topology`)
   */
  readonly routes?: readonly DeclaredRoute[];
  /**
   * Origins (`https://dashboard.example.com`, no path) whose pages may call the API: the dashboard's,
   * and those of web apps using the browser SDK.
   * @default none: no CORS configuration, so browsers refuse cross-origin calls
   */
  readonly corsAllowOrigins?: readonly string[];
  /**
   * Steady-state requests per second across the whole API (default stage throttling).
   * @default 100
   */
  readonly rateLimit?: number;
  /**
   * Requests the API accepts in a burst above the steady rate.
   * @default 200
   */
  readonly burstLimit?: number;
  /**
   * How long access logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
}

const origin = /^https?:\/\/[^/\s]+$/;

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
 * The API Gateway HTTP API (payload format 2.0): one route per declaration to its function, CORS for
 * the given origins, throttling and JSON access logs on the `$default` stage. Authorisation happens in
 * the handlers (API tokens and SDK keys are verified against stored hashes), not in API Gateway.
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
  /** The created routes by route key (`GET /sdk/v1/flags`). */
  public readonly routes: ReadonlyMap<string, HttpRoute>;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const routes = props.routes ?? declaredRoutes;
    const origins = props.corsAllowOrigins ?? [];

    assertUnique(routes.map(routeKey), 'HTTP route');
    for (const route of routes) {
      lookUp(props.functions.functions, route.function, 'function', `HTTP route "${routeKey(route)}"`);
    }
    for (const allowed of origins) {
      if (allowed !== '*' && !origin.test(allowed)) {
        throw new TopologyError(
          `CORS origin "${allowed}" must be "*" or a scheme and host without a path, like https://flags.example.com`,
        );
      }
    }

    const methods = [...new Set<DeclaredMethod>(routes.map((r) => r.method))];
    this.api = new GatewayHttpApi(this, 'Api', {
      description: 'Switchboard management and SDK API',
      createDefaultStage: false,
      corsPreflight:
        origins.length === 0
          ? undefined
          : {
              allowOrigins: [...origins],
              allowMethods: [...methods.map((m) => CorsHttpMethod[m]), CorsHttpMethod.OPTIONS],
              allowHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match'],
              exposeHeaders: ['etag'],
              maxAge: Duration.hours(1),
            },
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 100, burstLimit: props.burstLimit ?? 200 },
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
    this.routes = created;
  }

  /** The API's base URL (`https://{id}.execute-api.{region}.amazonaws.com/`). */
  public get url(): string {
    return this.stage.url;
  }
}
