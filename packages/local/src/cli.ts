import { isLoopback, parseCliArgs, UsageError, usage } from './cli-args.js';
import { ensureDashboardBuilt } from './dashboard.js';
import { JavaMissingError } from './engines/dynamodb.js';
import { createLogger } from './log.js';
import { type Runtime, startRuntime } from './runtime.js';
import type { LocalJson } from './seed/local-json.js';

function banner(runtime: Runtime, local: LocalJson | undefined): string {
  const lines = [
    '',
    `Switchboard is running (healthy after ${runtime.startupMs} ms)`,
    `  API and dashboard  ${runtime.apiUrl}`,
    ...(local ? [`  Dashboard (admin)  ${local.dashboardUrl}`] : []),
    `  WebSocket          ${runtime.wsUrl}`,
    `  Data               ${runtime.dataDir ?? 'in memory'}`,
  ];
  if (local) {
    lines.push(`  Admin API token    ${local.adminToken}`);
    for (const project of local.projects) {
      for (const environment of project.environments) {
        lines.push(
          `  ${project.key}/${environment.key}`.padEnd(21) +
            `SDK key ${environment.sdkKey}  client-side ID ${environment.clientSideId}`,
        );
      }
    }
  }
  lines.push('Press Ctrl-C to stop.', '');
  return lines.join('\n');
}

async function main(): Promise<number> {
  const options = parseCliArgs(process.argv.slice(2), process.env);
  if (options === 'help') {
    console.log(usage);
    return 0;
  }
  let runtime: Runtime | undefined;
  let exiting = false;
  const shutdown = async (code: number) => {
    if (exiting) return;
    exiting = true;
    await runtime?.stop();
    process.exit(code);
  };
  const logger = createLogger(options.logLevel ?? 'normal', console.log, options.logFormat);
  // Without a build the API still runs; the banner's dashboard URL then answers 404.
  await ensureDashboardBuilt({ logger }).catch((error: unknown) =>
    logger.warn(`could not build the dashboard: ${String(error)}`),
  );
  runtime = await startRuntime({
    ...options,
    onCrash: (error) => {
      console.error(`switchboard: ${error.message}; stopping`);
      void shutdown(1);
    },
  });
  // With --json, stdout holds records only; the banner (URLs, keys) is for the person at the terminal.
  (options.logFormat === 'json' ? console.error : console.log)(banner(runtime, runtime.local));
  if (!isLoopback(runtime.host)) {
    console.warn(
      `switchboard: listening on ${runtime.host}: other machines can reach the unauthenticated @connections and Lambda Invoke APIs and push flag values into connected apps`,
    );
  }
  // `on`, not `once`: a signal often arrives twice (from the terminal and relayed by tsx), and a
  // second one without a handler would end the process in the middle of stopping its children.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(0));
  return -1;
}

main()
  .then((code) => {
    if (code >= 0) process.exit(code);
  })
  .catch((error: unknown) => {
    if (error instanceof JavaMissingError || error instanceof UsageError) {
      console.error(`switchboard: ${error.message}`);
      if (error instanceof UsageError) console.error(usage);
    } else {
      console.error('switchboard: could not start:', error);
    }
    process.exit(1);
  });
