/**
 * The browser side of `bench/client-delivery.bench.ts`: raw WebSocket clients speaking the browser
 * protocol (identify → values, values pushes), in their own process. Started by the benchmark with
 * IPC; not meant to be run by hand.
 *
 * Messages: parent → `{ type: 'expect', flag, keys }` (the contexts whose value of `flag` will
 * change), `{ type: 'close' }`; child → `{ type: 'ready' }`, `{ type: 'applied', times, pushes,
 * bytes, cpuMicros }` (epoch ms when each expected context received its push; every push received
 * by any client until `settleMs` after the last expected one; their total bytes), `{ type: 'error' }`.
 */
import WebSocket from 'ws';

const [wsUrl, clientSideId, count, settleMs] = [
  process.env.BENCH_WS_URL as string,
  process.env.BENCH_CLIENT_SIDE_ID as string,
  Number(process.env.BENCH_CLIENTS ?? 1000),
  Number(process.env.BENCH_SETTLE_MS ?? 1000),
];
const send = (message: unknown) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();
const WAVE = 250;

interface Page {
  readonly key: string;
  readonly socket: WebSocket;
}

type Listener = (
  page: Page,
  message: { type: string; id?: number; values?: Record<string, unknown> },
  bytes: number,
) => void;
let listener: Listener = () => undefined;

function open(index: number): Promise<Page> {
  const key = `user-${index}`;
  const socket = new WebSocket(`${wsUrl}/?clientSideId=${clientSideId}`);
  const page = { key, socket };
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => {
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString());
        if (message.id === 1 && message.type === 'values' && !resolvedIds.has(key)) {
          resolvedIds.add(key);
          resolve(page);
          return;
        }
        if (message.type === 'error') reject(new Error(`${key}: ${message.code} ${message.message}`));
        listener(page, message, data.length);
      });
      socket.send(
        JSON.stringify({
          action: 'identify',
          id: 1,
          context: { kind: 'user', key, plan: index % 2 ? 'pro' : 'free' },
        }),
      );
    });
  });
}
const resolvedIds = new Set<string>();

/** As connecting: 10,000 `$disconnect`s at once would overrun DynamoDB Local, which is not what is measured. */
async function closeInWaves(pages: readonly Page[]): Promise<void> {
  for (let i = 0; i < pages.length; i += WAVE) {
    await Promise.all(
      pages.slice(i, i + WAVE).map(
        ({ socket }) =>
          new Promise((resolve) => {
            socket.once('close', resolve);
            socket.close();
          }),
      ),
    );
  }
}

async function main(): Promise<void> {
  const pages: Page[] = [];
  for (let i = 0; i < count; i += WAVE) {
    pages.push(
      ...(await Promise.all(Array.from({ length: Math.min(WAVE, count - i) }, (_, j) => open(i + j)))),
    );
  }
  send({ type: 'ready' });

  process.on('message', (message: { type: string; flag?: string; keys?: string[] }) => {
    if (message.type === 'close') {
      void closeInWaves(pages).then(() => process.exit(0));
      return;
    }
    if (message.type !== 'expect') return;
    const expected = new Set(message.keys);
    const flag = message.flag as string;
    const cpu = process.cpuUsage();
    const times: number[] = [];
    let pushes = 0;
    let bytes = 0;
    const finish = () => {
      listener = () => undefined;
      const used = process.cpuUsage(cpu);
      send({ type: 'applied', times, pushes, bytes, cpuMicros: used.user + used.system });
    };
    if (expected.size === 0) setTimeout(finish, settleMs);
    listener = (page, pushed, size) => {
      if (pushed.type !== 'values') return;
      pushes += 1;
      bytes += size;
      // Unexpected pushes are counted too: they are part of what a change costs.
      if (expected.delete(page.key) && pushed.values && flag in pushed.values) {
        times.push(now());
        if (expected.size === 0) setTimeout(finish, settleMs);
      }
    };
  });
}

main().catch((error: unknown) => {
  send({ type: 'error', message: String((error as Error).stack ?? error) });
  process.exit(1);
});
