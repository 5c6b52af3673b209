import type { SwitchboardClient, SwitchboardEvents } from '../src/index.js';

/** Polls `condition` until it holds; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves with the arguments of the next `event` the client emits. */
export function nextEvent<E extends keyof SwitchboardEvents>(
  client: SwitchboardClient,
  event: E,
): Promise<SwitchboardEvents[E]> {
  return new Promise((resolve) => {
    const listener = (...args: SwitchboardEvents[E]) => {
      client.off(event, listener);
      resolve(args);
    };
    client.on(event, listener);
  });
}
