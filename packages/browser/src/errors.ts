/**
 * Base class of every error the Switchboard browser SDK reports.
 *
 * @example
 * ```ts
 * client.on('error', (error) => {
 *   if (error instanceof SwitchboardError) console.warn(error.message);
 * });
 * ```
 */
export class SwitchboardError extends Error {
  /** The server's code for a refused identify (`invalid_context`, `invalid_hash`, …), or the SDK's own. */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SwitchboardError';
    this.code = code;
  }
}
