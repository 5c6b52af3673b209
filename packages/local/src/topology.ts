import type {
  EventSourceDeclaration,
  FunctionDeclaration,
  HttpRoute,
  ScheduleDeclaration,
  StreamDeclaration,
  TableDeclaration,
} from '@switchboard/topology';
import * as declared from '@switchboard/topology';

/**
 * What the runtime reads from `@switchboard/topology`, with names widened to `string` so that tests
 * can extend the real declaration with fixture handlers, streams and event sources.
 */
export interface RuntimeTopology {
  readonly tables: readonly TableDeclaration[];
  readonly functions: readonly (Omit<FunctionDeclaration, 'name'> & { readonly name: string })[];
  readonly httpRoutes: readonly (Omit<HttpRoute, 'function'> & { readonly function: string })[];
  readonly webSocketRoutes: readonly { readonly routeKey: string; readonly function: string }[];
  readonly streams: readonly (Omit<StreamDeclaration, 'name'> & { readonly name: string })[];
  readonly eventSources: readonly RuntimeEventSource[];
  /** Functions run on a rate. @default none */
  readonly schedules?: readonly RuntimeSchedule[];
}

export type RuntimeSchedule = Omit<ScheduleDeclaration, 'function'> & { readonly function: string };

export type RuntimeEventSource = Omit<EventSourceDeclaration, 'function' | 'source'> & {
  readonly function: string;
  readonly source:
    | { readonly kind: 'dynamodb'; readonly table: string }
    | { readonly kind: 'kinesis'; readonly stream: string };
};

/** The platform as declared for the CDK stack. */
export const platformTopology: RuntimeTopology = {
  tables: declared.tables,
  functions: declared.functions,
  httpRoutes: declared.httpRoutes,
  webSocketRoutes: declared.webSocketRoutes,
  streams: declared.streams,
  eventSources: declared.eventSources,
  schedules: declared.schedules,
};

/** Physical names of local resources: one prefix, so a shared DynamoDB Local never mixes stacks. */
export const physicalName = (logical: string): string => `switchboard-${logical}`;
