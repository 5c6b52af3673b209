import type { SwitchboardClient } from '@switchboard/browser';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useSwitchboard } from './provider.js';

/**
 * The value of flag `key` for the provider's context (`defaultValue` when the flag is unknown or has
 * no value); re-renders the component when, and only when, that flag changes. Each value a
 * component shows is counted once for analytics.
 *
 * @example
 * ```tsx
 * function Checkout() {
 *   const newCheckout = useFlag('new-checkout', false);
 *   return newCheckout ? <NewCheckout /> : <OldCheckout />;
 * }
 * ```
 */
export function useFlag<T>(key: string, defaultValue: T): T {
  const { client, store } = useSwitchboard();
  const subscribe = useCallback((callback: () => void) => store.subscribe(key, callback), [store, key]);
  // Server rendering and hydration read the bootstrap's values (or none): the client's, in a
  // browser, may already be cached ones the server could not know.
  const raw = useSyncExternalStore(
    subscribe,
    () => store.get(key),
    () => store.serverSnapshot()[key],
  );
  const value = raw === undefined || raw === null ? defaultValue : (raw as T);
  // Counted per value shown, not per render; a new default object each render must not re-count.
  // biome-ignore lint/correctness/useExhaustiveDependencies: defaultValue is left out on purpose
  useEffect(() => {
    // A hydrated server value React replaces at once with the client's is not the one to count.
    if (raw !== store.get(key)) return;
    client.variation(key, defaultValue);
  }, [client, store, key, raw]);
  return value;
}

/**
 * Every flag's value for the provider's context; re-renders on any change. Prefer {@link useFlag}
 * where a component reads a few flags.
 *
 * @example
 * ```tsx
 * const flags = useFlags();
 * return <pre>{JSON.stringify(flags, null, 2)}</pre>;
 * ```
 */
export function useFlags(): Readonly<Record<string, unknown>> {
  const { store } = useSwitchboard();
  const subscribe = useCallback((callback: () => void) => store.subscribe(undefined, callback), [store]);
  return useSyncExternalStore(subscribe, store.snapshot, store.serverSnapshot);
}

/**
 * The provider's client, for `identify`, `track`, `variationDetail` and events.
 *
 * @example
 * ```tsx
 * const client = useSwitchboardClient();
 * return <button onClick={() => client.track('upgrade-clicked')}>Upgrade</button>;
 * ```
 */
export function useSwitchboardClient(): SwitchboardClient {
  return useSwitchboard().client;
}
