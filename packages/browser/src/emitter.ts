import type { Logger } from './logger.js';

// biome-ignore lint/suspicious/noExplicitAny: listeners of different events take different arguments
type Listener = (...args: any[]) => void;

/**
 * Named events with listeners; one that throws is logged and skipped, so application code cannot
 * break the message loop that emits.
 *
 * @example
 * ```ts
 * const emitter = new Emitter(logger);
 * emitter.on('change:beta', (value) => render(value));
 * emitter.emit('change:beta', true, false);
 * ```
 */
export class Emitter {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly logger: Logger) {}

  on(event: string, listener: Listener): void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
  }

  off(event: string, listener: Listener): void {
    this.listeners.get(event)?.delete(listener);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(...args);
      } catch (error) {
        this.logger.error(`A "${event}" listener threw`, error);
      }
    }
  }
}
