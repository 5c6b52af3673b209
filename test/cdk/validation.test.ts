import { type FunctionName, functions, httpRoutes, tableNamed } from '@switchboard/topology';
import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DataStreams } from '../../lib/data-streams.js';
import { DataTables } from '../../lib/data-tables.js';
import { TopologyError } from '../../lib/errors.js';
import { EventSources } from '../../lib/event-sources.js';
import { Functions } from '../../lib/functions.js';
import { HttpApi } from '../../lib/http-api.js';
import { SwitchboardStack } from '../../lib/switchboard-stack.js';
import { WebSocketApi } from '../../lib/websocket-api.js';
import { fixtureEntry, unbundledApp } from './synth.js';

/** A stack with the topology's tables and (stand-in) functions, for constructs built on them. */
function base() {
  const stack = new Stack(unbundledApp(), 'Test');
  const tables = new DataTables(stack, 'Data');
  const streams = new DataStreams(stack, 'Streams');
  const fns = new Functions(stack, 'Functions', {
    tables,
    streams,
    functions: functions.map((fn) => ({ ...fn, entry: fixtureEntry })),
  });
  return { stack, tables, streams, functions: fns };
}

const flags = tableNamed('flags');

describe('bad declarations and props throw before anything is built', () => {
  it('refuses a route that names an undeclared function', () => {
    const { stack, functions: fns } = base();
    const routes = httpRoutes.slice(0, 1).map((route) => ({ ...route, function: 'nope' as FunctionName }));
    expect(() => new HttpApi(stack, 'Http', { functions: fns, routes })).toThrow(
      /HTTP route "GET \/api\/v1\/openapi.json" names function "nope", which is not declared/,
    );
  });

  it('refuses routes of one path served by different functions, since one preflight answers for both', () => {
    const { stack, functions: fns } = base();
    const [first] = httpRoutes;
    const routes = [first, { ...first, method: 'POST', function: 'sdk' }] as typeof httpRoutes;
    expect(() => new HttpApi(stack, 'Http', { functions: fns, routes })).toThrow(
      new TopologyError(
        'Routes of /api/v1/openapi.json disagree on their function or CORS policy (api-insights/dashboard and sdk/dashboard); one preflight answers for all of them',
      ),
    );
  });

  it('refuses the same route key twice', () => {
    const { stack, functions: fns } = base();
    expect(
      () =>
        new HttpApi(stack, 'Http', { functions: fns, routes: [...httpRoutes, ...httpRoutes.slice(1, 2)] }),
    ).toThrow(/HTTP route "GET \/api\/v1\/projects" is declared more than once/);
  });

  it.each(['https://flags.example.com/', 'flags.example.com', 'https://a.example.com/dashboard', '*'])(
    'refuses the CORS origin %s',
    (origin) => {
      const { stack, functions: fns } = base();
      expect(() => new HttpApi(stack, 'Http', { functions: fns, corsAllowOrigins: [origin] })).toThrow(
        TopologyError,
      );
    },
  );

  it('refuses a table declared twice, and retaining an undeclared one', () => {
    const stack = new Stack(unbundledApp(), 'Test');
    expect(() => new DataTables(stack, 'Twice', { tables: [flags, flags] })).toThrow(
      /Table "flags" is declared more than once/,
    );
    expect(() => new DataTables(stack, 'Retain', { tables: [flags], retain: ['audit'] })).toThrow(
      /retain names table "audit"/,
    );
  });

  it('refuses a function that grants access to an undeclared table', () => {
    const stack = new Stack(unbundledApp(), 'Test');
    const data = new DataTables(stack, 'Data', { tables: [flags], retain: [] });
    const streams = new DataStreams(stack, 'Streams');
    expect(() => new Functions(stack, 'Functions', { tables: data, streams })).toThrow(
      /Function "api-admin" names table "audit", which is not declared/,
    );
  });

  it('refuses an event source on a table without a stream, or on an undeclared stream', () => {
    const { stack, ...constructs } = base();
    const source = {
      function: 'sdk',
      batchSize: 10,
      startingPosition: 'LATEST',
      reportBatchItemFailures: true,
      retryAttempts: 1,
      bisectBatchOnError: true,
    } as const;
    expect(
      () =>
        new EventSources(stack, 'Audit', {
          ...constructs,
          eventSources: [{ ...source, source: { kind: 'dynamodb', table: 'audit' } }],
        }),
    ).toThrow(/reads table "audit", which declares no stream/);
    expect(
      () =>
        new EventSources(stack, 'Events', {
          ...constructs,
          // The topology declares the events stream; a stack built without it must refuse.
          streams: new DataStreams(stack, 'NoStreams', { streams: [] }),
          eventSources: [{ ...source, source: { kind: 'kinesis', stream: 'events' } }],
        }),
    ).toThrow(/names stream "events", which is not declared/);
  });

  it('refuses WebSocket routes without $connect', () => {
    const { stack, functions: fns } = base();
    expect(
      () =>
        new WebSocketApi(stack, 'Ws', {
          functions: fns,
          routes: [{ routeKey: '$default', function: 'api-admin' }],
        }),
    ).toThrow(/needs a \$connect route/);
  });

  it('refuses a function that manages connections when there is no WebSocket API', () => {
    expect(
      () =>
        new SwitchboardStack(unbundledApp(), 'Switchboard', {
          declarations: {
            functions: functions.map((fn) => ({ ...fn, entry: fixtureEntry, managesConnections: true })),
            webSocketRoutes: [],
          },
        }),
    ).toThrow(/Function "api-admin" manages WebSocket connections, but no WebSocket route is declared/);
  });

  it('refuses routes that take API tokens when no function registers the first admin token', () => {
    expect(
      () =>
        new SwitchboardStack(unbundledApp(), 'Switchboard', {
          declarations: {
            functions: functions
              .filter((fn) => fn.name !== 'admin-token-registrar')
              .map((fn) => ({ ...fn, entry: fixtureEntry })),
          },
        }),
    ).toThrow(/take API tokens, but no function "admin-token-registrar" is declared/);
  });

  it('refuses a function that invokes an undeclared function', () => {
    const { stack, tables, streams } = base();
    expect(
      () =>
        new Functions(stack, 'Invoker', {
          tables,
          streams,
          functions: [
            { name: 'fanout', entry: fixtureEntry, description: 'x', tables: {}, invokes: ['fanout-worker'] },
          ],
        }),
    ).toThrow(/Function "fanout" invokes function "fanout-worker", which is not declared/);
  });
});
