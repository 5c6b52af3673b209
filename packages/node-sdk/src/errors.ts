/**
 * Base class of every error the Switchboard Node SDK reports, so callers can tell ours from theirs.
 *
 * @example
 * ```ts
 * client.on('error', (error) => {
 *   if (error instanceof SwitchboardError) logger.warn(error.message);
 * });
 * ```
 */
export class SwitchboardError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SwitchboardError';
  }
}

/** The options given to `init` cannot work (missing key or URL, unreadable bootstrap file). */
export class SwitchboardConfigError extends SwitchboardError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SwitchboardConfigError';
  }
}

/**
 * The service rejected the SDK key (HTTP 401 or 403). Retrying cannot help, so the client stops
 * syncing and keeps evaluating the data it has.
 */
export class SwitchboardAuthError extends SwitchboardError {
  readonly status: number;

  constructor(status: number, options?: ErrorOptions) {
    super(`The Switchboard service rejected the SDK key (HTTP ${status})`, options);
    this.name = 'SwitchboardAuthError';
    this.status = status;
  }
}

/** A sync step failed in a way that a reconnect may fix (network error, 5xx, bad payload, timeout). */
export class SwitchboardSyncError extends SwitchboardError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SwitchboardSyncError';
  }
}

/** `waitForInitialization` gave up before the first sync completed. */
export class SwitchboardTimeoutError extends SwitchboardError {
  constructor(timeoutMs: number) {
    super(`Switchboard did not initialize within ${timeoutMs} ms`);
    this.name = 'SwitchboardTimeoutError';
  }
}
