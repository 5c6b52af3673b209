import { dashboardOriginsVar, functionNameVar } from '@switchboard/topology';
import { localCredentials, localRegion } from '../engines/dynamodb.js';
import { physicalName, type RuntimeTopology } from '../topology.js';

export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly kinesis: string;
  /** Base URL of the local `@connections` management API. */
  readonly management: string;
  /** Base URL of the local Lambda `Invoke` API. @default the management URL (both are on the HTTP port) */
  readonly lambda?: string;
}

/**
 * The environment a Lambda function sees on AWS, pointed at the local engines: each table's and
 * stream's `envVar` → physical name, the SDK's service-specific endpoint variables, region and dummy
 * credentials. Handlers read configuration only from here, so none needs a local-only branch.
 */
export function handlerEnvironment(
  topology: RuntimeTopology,
  endpoints: LocalEndpoints,
  dashboardOrigins: readonly string[] = [],
): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: localRegion,
    AWS_DEFAULT_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    WS_MANAGEMENT_ENDPOINT: endpoints.management,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda ?? endpoints.management,
    // Always set, so an origin left in the shell's environment cannot open the management API.
    [dashboardOriginsVar]: dashboardOrigins.join(','),
    // One fan-out invocation per fast-path part: the local Invoke runs the function in-process at
    // once, so there is no queueing or cold start for a second one to race (docs/delivery.md).
    FAST_PATH_REPLICAS: '1',
  };
  // As the stack does for declared `invokes`: each function's physical name, for `LambdaClient`.
  for (const fn of topology.functions) env[functionNameVar(fn.name)] = physicalName(fn.name);
  for (const table of topology.tables) env[table.envVar] = physicalName(table.name);
  for (const stream of topology.streams) env[stream.envVar] = physicalName(stream.name);
  return env;
}
