import type { Logger } from './logger.js';

type Listener<Args extends unknown[]> = (...args: Args) => void;
type AnyListener = Listener<unknown[]>;

/**
 * A typed event emitter. A listener that throws is logged and skipped, so application code cannot
 * break the sync loop that emits the event.
 *
 * @example
 * ```ts
 * const emitter = new Emitter<{ update: [string] }>(logger);
 * emitter.on('update', (key) => console.log(key));
 * emitter.emit('update', 'beta');
 * ```
 */
export class Emitter<Events extends { [E in keyof Events]: unknown[] }> {
  private readonly listeners = new Map<keyof Events, Set<AnyListener>>();

  constructor(private readonly logger: Logger) {}

  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as unknown as AnyListener);
    this.listeners.set(event, set);
  }

  off<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    this.listeners.get(event)?.delete(listener as unknown as AnyListener);
  }

  emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(...args);
      } catch (error) {
        this.logger.error(`A "${String(event)}" listener threw`, error);
      }
    }
  }
}
