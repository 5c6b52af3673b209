/**
 * The client side of `bench/delivery.bench.ts`, in its own process so that the SDKs do not share an
 * event loop with the gateway and the handlers they are measuring. Started by the benchmark with
 * IPC; not meant to be run by hand.
 *
 * Messages: parent → `{ type: 'expect', flag, value }`; child → `{ type: 'ready', memory }`,
 * `{ type: 'applied', times, cpuMicros }` (epoch ms with sub-ms precision when each client first
 * evaluated `value`; this process's CPU time from the `expect` to the last client),
 * `{ type: 'error', message }`.
 */
import { init, type SwitchboardClient, silentLogger } from '../packages/node-sdk/src/index.js';

const [apiUrl, wsUrl, sdkKey, count] = [
  process.env.BENCH_API_URL as string,
  process.env.BENCH_WS_URL as string,
  process.env.BENCH_SDK_KEY as string,
  Number(process.env.BENCH_CLIENTS ?? 1000),
];
const send = (message: unknown) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();
const context = { kind: 'user', key: 'bench-user' };

/** As connecting: 10,000 `$disconnect`s at once would overrun DynamoDB Local, which is not what is measured. */
const WAVE = 250;

async function closeInWaves(clients: readonly SwitchboardClient[]): Promise<void> {
  for (let i = 0; i < clients.length; i += WAVE) {
    await Promise.all(clients.slice(i, i + WAVE).map((client) => client.close()));
  }
}

async function main(): Promise<void> {
  const clients: SwitchboardClient[] = [];
  // Connect in waves: a thousand handshakes at once would measure the gateway's accept queue.
  for (let i = 0; i < count; i += WAVE) {
    const batch = Array.from({ length: Math.min(WAVE, count - i) }, () =>
      init({
        sdkKey,
        baseUrl: apiUrl,
        streamUrl: wsUrl,
        logger: silentLogger,
        connectTimeoutMs: 60_000,
        requestTimeoutMs: 60_000,
        // Delivery only: analytics flushes would add their own load to what is measured.
        sendEvents: false,
      }),
    );
    await Promise.all(batch.map((client) => client.waitForInitialization({ timeout: 120 })));
    clients.push(...batch);
  }
  send({ type: 'ready', memory: process.memoryUsage().rss });

  process.on('message', (message: { type: string; flag?: string; value?: boolean }) => {
    if (message.type === 'close') {
      void closeInWaves(clients).then(() => process.exit(0));
      return;
    }
    if (message.type !== 'expect') return;
    const { flag, value } = message as { flag: string; value: boolean };
    const cpu = process.cpuUsage();
    const times = new Array<number>(clients.length).fill(Number.NaN);
    let pending = clients.length;
    const listeners: (() => void)[] = [];
    clients.forEach((client, i) => {
      const check = () => {
        if (!Number.isNaN(times[i] as number)) return;
        if (client.boolVariation(flag, context, !value) === value) {
          times[i] = now();
          pending -= 1;
          if (pending === 0) {
            for (const off of listeners) off();
            const used = process.cpuUsage(cpu);
            send({ type: 'applied', times, cpuMicros: used.user + used.system });
          }
        }
      };
      const onUpdate = ({ key }: { key: string }) => {
        if (key === flag) check();
      };
      client.on('update', onUpdate);
      listeners.push(() => client.off('update', onUpdate));
    });
  });
}

main().catch((error: unknown) => {
  send({ type: 'error', message: String((error as Error).stack ?? error) });
  process.exit(1);
});
