import { SwitchboardProvider, useFlag } from '@switchboard/react';

/** Where the page's client finds Switchboard: rendered into the HTML, read again by the browser. */
export interface ReactPageConfig {
  readonly clientSideId: string;
  readonly baseUrl: string;
  readonly streamUrl: string;
}

function Value() {
  return <p id="value">{String(useFlag('new-checkout', '(default)'))}</p>;
}

/** A React app showing one flag, rendered on the server without a bootstrap and hydrated. */
export function ReactPage({ clientSideId, baseUrl, streamUrl }: ReactPageConfig) {
  return (
    <SwitchboardProvider
      clientSideId={clientSideId}
      context={{ kind: 'user', key: 'react-user' }}
      options={{ baseUrl, streamUrl, sendEvents: false }}
    >
      <Value />
    </SwitchboardProvider>
  );
}
