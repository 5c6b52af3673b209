import type { FlagChanges, SwitchboardClient } from '@switchboard/browser';

type Callback = () => void;

type Values = Readonly<Record<string, unknown>>;

/** The flags whose value differs between `before` and `now`. */
function changesBetween(before: Values, now: Values): FlagChanges {
  const changes: FlagChanges = {};
  for (const key of new Set([...Object.keys(now), ...Object.keys(before)])) {
    if (now[key] !== before[key]) changes[key] = { current: now[key], previous: before[key] };
  }
  return changes;
}

/**
 * The client's values as an external store for `useSyncExternalStore`: one `change` listener on the
 * client, fanned out to the subscribers of each changed key, so a push re-renders only components
 * that read a flag it changed (and `useFlags` users). Snapshots are immutable: unchanged flags keep
 * their identity.
 *
 * @example
 * ```ts
 * const store = new FlagStore(client);
 * const detach = store.attach();
 * const unsubscribe = store.subscribe('beta', () => rerender());
 * store.get('beta');
 * store.serverSnapshot().beta; // what the server rendered, for hydration
 * ```
 */
export class FlagStore {
  private values: Values;
  private readonly byKey = new Map<string, Set<Callback>>();
  private readonly all = new Set<Callback>();
  private readonly onChange = (changes: FlagChanges) => {
    const next = { ...this.values };
    for (const key in changes) {
      const current = changes[key]?.current;
      if (current === undefined) delete next[key];
      else next[key] = current;
    }
    this.values = next;
    for (const key in changes) for (const callback of this.byKey.get(key) ?? []) callback();
    for (const callback of this.all) callback();
  };

  constructor(private readonly client: SwitchboardClient) {
    const now = client.allFlags();
    const rendered = client.bootstrapFlags();
    // After hydrating, React compares the two snapshots by identity: equal values in another object
    // would re-render every `useFlags` component for nothing.
    this.values = Object.keys(changesBetween(rendered, now)).length === 0 ? rendered : now;
  }

  /**
   * Listens to the client until the returned function is called; values that changed since the
   * store was made (between a render and its effects) are caught up first.
   */
  attach(): () => void {
    const changes = changesBetween(this.values, this.client.allFlags());
    if (Object.keys(changes).length > 0) this.onChange(changes);
    this.client.on('change', this.onChange);
    return () => this.client.off('change', this.onChange);
  }

  /** Every flag's value; a new object only after a change. */
  snapshot = (): Values => this.values;

  /**
   * The values the page's server rendered: the bootstrap's, or none, whatever the client has shown
   * since. Hydration must render these (anything else is a mismatch, and React then renders the whole
   * root again on the client); React re-renders with {@link snapshot} right after. The same object
   * on every call, as React requires.
   */
  serverSnapshot = (): Values => this.client.bootstrapFlags();

  get(key: string): unknown {
    return this.values[key];
  }

  /** Calls `callback` when flag `key` changes, or when any flag does with no key. */
  subscribe(key: string | undefined, callback: Callback): () => void {
    const set = key === undefined ? this.all : (this.byKey.get(key) ?? new Set());
    if (key !== undefined) this.byKey.set(key, set);
    set.add(callback);
    return () => {
      set.delete(callback);
      if (key !== undefined && set.size === 0) this.byKey.delete(key);
    };
  }
}
