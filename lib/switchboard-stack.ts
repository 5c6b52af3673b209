import { join } from 'node:path';
import {
  httpRoutes as declaredHttpRoutes,
  webSocketRoutes as declaredWebSocketRoutes,
  type EventSourceDeclaration,
  type FunctionDeclaration,
  type FunctionName,
  type HttpRoute,
  type ScheduleDeclaration,
  type StreamDeclaration,
  type TableDeclaration,
  type TableName,
  type WebSocketRoute,
} from '@switchboard/topology';
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AdminToken } from './admin-token.js';
import { ApiDistribution } from './api-distribution.js';
import { defaultReservationsFor, type ReservedConcurrency, reserveConcurrency } from './concurrency.js';
import { DashboardHosting, type DashboardHostingProps } from './dashboard-hosting.js';
import { DataStreams } from './data-streams.js';
import { DataTables } from './data-tables.js';
import { pascalCase } from './declarations.js';
import { TopologyError } from './errors.js';
import { EventSources } from './event-sources.js';
import { Functions, repositoryRoot } from './functions.js';
import { HttpApi } from './http-api.js';
import { Monitoring } from './monitoring.js';
import { Schedules } from './schedules.js';
import type { ThrottleOverrides } from './throttles.js';
import { WebSocketApi } from './websocket-api.js';

/** The topology's lists; each defaults to the one in `@switchboard/topology`. Tests pass fixtures. */
export interface Declarations {
  readonly tables: readonly TableDeclaration[];
  readonly streams: readonly StreamDeclaration[];
  readonly functions: readonly FunctionDeclaration[];
  readonly httpRoutes: readonly HttpRoute[];
  readonly eventSources: readonly EventSourceDeclaration[];
  readonly webSocketRoutes: readonly WebSocketRoute[];
  readonly schedules: readonly ScheduleDeclaration[];
}

export interface SwitchboardStackProps extends StackProps {
  /**
   * Replacements for lists of the topology.
   * @default the topology of `@switchboard/topology`
   */
  readonly declarations?: Partial<Declarations>;
  /**
   * Origins, besides the hosted dashboard's, whose pages may call the management API (e.g. the
   * dashboard under a domain of your own). The client-side SDK routes allow every origin anyway.
   * @default none
   */
  readonly corsAllowOrigins?: readonly string[];
  /**
   * The dashboard app to host.
   * @default the `@switchboard/dashboard` workspace: its `dist`, built with
   * `npm run build -w @switchboard/dashboard` when it holds no build
   */
  readonly dashboard?: Pick<DashboardHostingProps, 'appDir' | 'build'>;
  /**
   * Tables kept when the stack is deleted.
   * @default ['flags', 'audit']
   */
  readonly retainedTables?: readonly TableName[];
  /**
   * Directory the declared function entries are relative to.
   * @default the repository root
   */
  readonly projectRoot?: string;
  /**
   * Changes to the topology's per-route throttle limits, per class (docs/deploy.md).
   * @default the topology's `throttleLimits`
   */
  readonly throttles?: ThrottleOverrides;
  /**
   * Concurrent executions reserved per function (replacing the defaults), or `false` for none, as an
   * account with a concurrency limit under 192 needs.
   * @default `defaultReservedConcurrency`: fanout 40, fanout-worker 32, api-authoring 10, api-admin 5, api-insights 5
   */
  readonly reservedConcurrency?: ReservedConcurrency | false;
  /**
   * An AWS WAF web ACL (scope `CLOUDFRONT`, in us-east-1; `SwitchboardEdgeStack` makes one) to filter
   * the API and the dashboard: the HTTP API then gets a CloudFront distribution with the ACL
   * (`ProtectedApiUrl`), which the dashboard calls, and the dashboard's distribution gets it too.
   * @default none: no WAF, the API is called at its own URL
   */
  readonly firewall?: { readonly webAclArn: string };
  /**
   * Email address that receives alarm notifications: the default of the stack's `AlarmEmail`
   * parameter (`cdk deploy --parameters AlarmEmail=…` sets it too).
   * @default none: subscribe to the `AlarmTopicArn` output yourself
   */
  readonly alarmEmail?: string;
}

/** The function that registers the first admin token at deployment. */
const registrarName: FunctionName = 'admin-token-registrar';

const dashboardPackage = join(repositoryRoot, 'packages/dashboard');
const defaultDashboard: Pick<DashboardHostingProps, 'appDir' | 'build'> = {
  appDir: join(dashboardPackage, 'dist'),
  build: {
    sourceDir: dashboardPackage,
    command: ['npm', 'run', 'build', '-w', '@switchboard/dashboard'],
    cwd: repositoryRoot,
  },
};

/**
 * Switchboard on AWS: tables, streams, functions, the HTTP API, the WebSocket API when routes are
 * declared, event source mappings and the first admin token, all read from the topology; and the
 * dashboard on S3 and CloudFront, whose origin the management API allows.
 */
export class SwitchboardStack extends Stack {
  public readonly data: DataTables;
  public readonly streams: DataStreams;
  public readonly functions: Functions;
  public readonly http: HttpApi;
  /** Absent while the topology declares no WebSocket route. */
  public readonly webSocket?: WebSocketApi;
  public readonly eventSources: EventSources;
  public readonly schedules: Schedules;
  /** Absent while the topology declares no `admin-token-registrar` (and so no route taking API tokens). */
  public readonly adminToken?: AdminToken;
  public readonly dashboard: DashboardHosting;
  /** The HTTP API behind CloudFront and WAF; only with `firewall`. */
  public readonly protectedApi?: ApiDistribution;
  /** Alarms, their SNS topic and the operations dashboard (docs/operations.md). */
  public readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: SwitchboardStackProps = {}) {
    super(scope, id, props);
    const declarations = props.declarations ?? {};
    const webSocketRoutes = declarations.webSocketRoutes ?? declaredWebSocketRoutes;

    this.data = new DataTables(this, 'Data', { tables: declarations.tables, retain: props.retainedTables });
    this.streams = new DataStreams(this, 'Streams', { streams: declarations.streams });
    this.functions = new Functions(this, 'Functions', {
      functions: declarations.functions,
      tables: this.data,
      streams: this.streams,
      projectRoot: props.projectRoot,
    });
    if (props.reservedConcurrency !== false) {
      reserveConcurrency(this.functions, props.reservedConcurrency ?? defaultReservationsFor(this.functions));
    }
    if (webSocketRoutes.length === 0) {
      const manager = this.functions.declarations.find((f) => f.managesConnections);
      if (manager) {
        throw new TopologyError(
          `Function "${manager.name}" manages WebSocket connections, but no WebSocket route is declared`,
        );
      }
    } else {
      this.webSocket = new WebSocketApi(this, 'WebSocket', {
        functions: this.functions,
        routes: webSocketRoutes,
        throttles: props.throttles,
      });
    }
    this.http = new HttpApi(this, 'Http', {
      functions: this.functions,
      routes: declarations.httpRoutes,
      corsAllowOrigins: props.corsAllowOrigins,
      throttles: props.throttles,
    });
    this.dashboard = new DashboardHosting(this, 'Dashboard', {
      ...(props.dashboard ?? defaultDashboard),
      // With a firewall the dashboard calls the API through it; that distribution logs into the
      // dashboard's logs bucket, so it is made below, and its URL resolved once it exists.
      apiUrl: Lazy.string({ produce: () => this.protectedApi?.url ?? this.http.url }),
      ...(this.webSocket ? { webSocketUrl: this.webSocket.url } : {}),
      ...(props.firewall ? { webAclId: props.firewall.webAclArn } : {}),
    });
    if (props.firewall) {
      this.protectedApi = new ApiDistribution(this, 'ApiEdge', {
        api: this.http.api,
        webAclArn: props.firewall.webAclArn,
        logBucket: this.dashboard.logsBucket,
      });
    }
    this.http.allowDashboardOrigins(this.dashboard.origin);
    this.eventSources = new EventSources(this, 'EventSources', {
      functions: this.functions,
      tables: this.data,
      streams: this.streams,
      eventSources: declarations.eventSources,
    });
    this.schedules = new Schedules(this, 'Schedules', {
      functions: this.functions,
      schedules: declarations.schedules,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: this.functions,
      eventSources: this.eventSources,
      httpApi: this.http.api,
      ...(this.webSocket ? { webSocketApi: this.webSocket.api } : {}),
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });
    this.adminToken = this.firstAdminToken(declarations.httpRoutes ?? declaredHttpRoutes);

    new CfnOutput(this, 'DashboardUrl', {
      value: this.dashboard.url,
      description: 'The dashboard; sign in with an API token (see docs/deploy.md)',
    });
    new CfnOutput(this, 'HttpApiUrl', { value: this.http.url, description: 'Base URL of the HTTP API' });
    if (this.protectedApi) {
      new CfnOutput(this, 'ProtectedApiUrl', {
        value: this.protectedApi.url,
        description: 'Base URL of the HTTP API through CloudFront and AWS WAF; give SDKs this one',
      });
    }
    if (this.webSocket) {
      new CfnOutput(this, 'WebSocketUrl', {
        value: this.webSocket.url,
        description: 'URL SDKs connect to for live updates',
      });
    }
    for (const [name, table] of this.data.tables) {
      new CfnOutput(this, `${pascalCase(name)}TableName`, { value: table.tableName });
    }
    if (this.adminToken) {
      new CfnOutput(this, 'AdminTokenSecretArn', {
        value: this.adminToken.secret.secretArn,
        description:
          'Secret holding the first admin API token (sbt_ followed by its value); see docs/deploy.md',
      });
      new CfnOutput(this, 'AdminTokenSecretName', { value: this.adminToken.secret.secretName });
      new CfnOutput(this, 'AdminTokenRegistrarName', {
        value: this.functions.function(registrarName).functionName,
        description:
          'Registers the admin token from its secret when invoked (each deployment that changes it does)',
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.monitoring.topic.topicArn,
      description: 'SNS topic every alarm notifies; see docs/operations.md',
    });
    new CfnOutput(this, 'OperationsDashboardName', {
      value: this.monitoring.dashboard.dashboardName,
      description: 'CloudWatch dashboard of the metrics in docs/operations.md',
    });
  }

  /**
   * The first admin token, registered at deployment by the declared registrar. A topology whose
   * routes take API tokens needs it: nobody could call them otherwise.
   */
  private firstAdminToken(routes: readonly HttpRoute[]): AdminToken | undefined {
    if (!this.functions.functions.has(registrarName)) {
      const tokenRoute = routes.find((route) => route.auth.kind === 'apiToken');
      if (!tokenRoute) return undefined;
      throw new TopologyError(
        `Routes such as ${tokenRoute.method} ${tokenRoute.path} take API tokens, but no function "${registrarName}" is declared to register the first one`,
      );
    }
    const declaration = this.functions.declarations.find((f) => f.name === registrarName);
    const tables = declaration
      ? [...(declaration.tables.write ?? []), ...(declaration.tables.append ?? [])]
      : [];
    return new AdminToken(this, 'AdminToken', {
      registrar: this.functions.function(registrarName),
      registerAfter: tables.map((name) => this.data.table(name)),
    });
  }
}
