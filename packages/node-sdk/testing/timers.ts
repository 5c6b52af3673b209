import type { Timers } from '../src/index.js';

/** Real timers that count how many are pending, so a test can prove `close()` leaves none behind. */
export function countingTimers(): Timers & { readonly pending: number } {
  const live = new Set<ReturnType<typeof setTimeout>>();
  return {
    set(callback, delayMs) {
      const handle = setTimeout(() => {
        live.delete(handle);
        callback();
      }, delayMs);
      live.add(handle);
      return handle;
    },
    clear(handle) {
      clearTimeout(handle as ReturnType<typeof setTimeout>);
      live.delete(handle as ReturnType<typeof setTimeout>);
    },
    get pending() {
      return live.size;
    },
  };
}
