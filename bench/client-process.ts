import { type ChildProcess, fork } from 'node:child_process';

/**
 * Forks a benchmark's client process (SDKs or browsers in their own event loop) with IPC, and
 * returns a way to wait for its next message of a type. An `error` message or an exit rejects.
 *
 * @example
 * const { child, next } = forkClients(join(here, 'delivery-clients.ts'), { BENCH_CLIENTS: '1000' });
 * await next('ready');
 */
export function forkClients(
  script: string,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): { child: ChildProcess; next: <T>(type: string) => Promise<T> } {
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx', ...nodeArgs],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: { type: string; message?: string }) => {
        if (message.type === 'error') reject(new Error(message.message));
        else if (message.type === type) {
          child.off('message', onMessage);
          resolve(message as T);
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`client process exited (${code})`)));
    });
  return { child, next };
}
