import {
  initialize,
  type SwitchboardClient,
  type SwitchboardContext,
  SwitchboardError,
  type SwitchboardOptions,
} from '@switchboard/browser';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { FlagStore } from './flag-store.js';

interface SwitchboardReactContext {
  readonly client: SwitchboardClient;
  readonly store: FlagStore;
}

const Context = createContext<SwitchboardReactContext | undefined>(undefined);

/** Mounted providers per client the provider made. */
const claims = new WeakMap<SwitchboardClient, number>();

/**
 * Closes a client no mounted provider holds, a moment from now. React may call a state initializer
 * and throw the result away (StrictMode does so on every mount in development), and may unmount and
 * remount effects; a client is closed only when it stays unclaimed.
 */
const releaseLater = (client: SwitchboardClient) =>
  setTimeout(() => {
    if (!claims.get(client)) void client.close();
  }, 0);

/** Props of {@link SwitchboardProvider}: a client you made, or what to make one from. */
export type SwitchboardProviderProps = { readonly children?: ReactNode } & (
  | { readonly client: SwitchboardClient }
  | {
      readonly clientSideId: string;
      /** The context to evaluate for; a new one (by value) identifies, with `options.hash` in secure mode. */
      readonly context: SwitchboardContext;
      readonly options?: SwitchboardOptions;
    }
);

/**
 * Makes a Switchboard client available to the hooks below it. Given `clientSideId` and `context` it
 * creates the client on first render (so bootstrap or cached values show in that render), identifies
 * when `context` changes, and closes the client on unmount; given `client` it uses yours and leaves
 * it open.
 *
 * @example
 * ```tsx
 * <SwitchboardProvider clientSideId="client-side-id" context={{ kind: 'user', key: user.id }}
 *   options={{ url: 'https://flags.example.com', bootstrap: window.__FLAGS__ }}>
 *   <App />
 * </SwitchboardProvider>
 * ```
 */
export function SwitchboardProvider(props: SwitchboardProviderProps): ReactNode {
  const owned = !('client' in props);
  const create = () => {
    if ('client' in props) return undefined;
    const made = initialize(props.clientSideId, props.context, props.options);
    releaseLater(made);
    return made;
  };
  const [made, setMade] = useState(create);
  // A given client is used as it is on every render, so a new one replaces the old.
  const client = ('client' in props ? props.client : made) as SwitchboardClient;
  const store = useMemo(() => new FlagStore(client), [client]);
  const value = useMemo(() => ({ client, store }), [client, store]);
  useEffect(() => store.attach(), [store]);

  // Layout effects run in the commit itself, before the release timer of the client rendered.
  // biome-ignore lint/correctness/useExhaustiveDependencies: create reads the first props only
  useLayoutEffect(() => {
    if (!owned) return;
    // A commit delayed past the release (a suspended tree) finds its client closed: make another.
    if (client.closed) return setMade(create);
    claims.set(client, (claims.get(client) ?? 0) + 1);
    return () => {
      claims.set(client, (claims.get(client) ?? 1) - 1);
      releaseLater(client);
    };
  }, [client, owned]);

  const contextKey = 'client' in props ? undefined : JSON.stringify(props.context);
  const identified = useRef(contextKey);
  useEffect(() => {
    if ('client' in props || contextKey === identified.current) return;
    identified.current = contextKey;
    // In secure mode the new context comes with its own hash, given in options beside it.
    client.identify(props.context, props.options?.hash).catch(() => {
      // The client reports refusals on its `error` event; the previous context's values stay.
    });
  });

  return <Context.Provider value={value}>{props.children}</Context.Provider>;
}

/**
 * The client and store of the nearest provider; throws (`no_provider`) outside one, which is a
 * wiring bug.
 *
 * @example
 * ```ts
 * const { client, store } = useSwitchboard();
 * ```
 */
export function useSwitchboard(): SwitchboardReactContext {
  const value = useContext(Context);
  if (!value)
    throw new SwitchboardError('no_provider', 'Switchboard hooks must be used inside <SwitchboardProvider>');
  return value;
}
