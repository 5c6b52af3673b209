// The browser half of the React page: hydrates the server's HTML, keeping React's recoverable
// errors (a hydration mismatch is one) in `window.__errors` for the test to read.
import { hydrateRoot } from 'react-dom/client';
import { ReactPage, type ReactPageConfig } from './react-page.js';

const page = window as unknown as { __config: ReactPageConfig; __errors: string[] };
page.__errors = [];
hydrateRoot(document.getElementById('root') as HTMLElement, <ReactPage {...page.__config} />, {
  onRecoverableError: (error) => page.__errors.push(String(error)),
});
