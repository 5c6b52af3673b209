import { lazy } from '../../wiring.js';

/**
 * The Lambda client's module, imported at the first `Invoke` rather than with the function: most
 * fan-outs start no worker, a management function that only reads hands nothing off, and the
 * import is tens of milliseconds of a cold start. Bundles keep it as a dynamic import of the
 * runtime's SDK.
 */
export const lambdaSdk = lazy(() => import('@aws-sdk/client-lambda'));
