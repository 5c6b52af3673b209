import { readFileSync } from 'node:fs';
import { SwitchboardConfigError } from './errors.js';
import type { Snapshot } from './flag-store.js';
import type { BootstrapData } from './options.js';
import { parseSnapshot } from './snapshot-requestor.js';

/**
 * Reads the bootstrap data named by the options, if any: an object, or a JSON file in the shape of
 * `GET /sdk/v1/flags` (a saved response works as is). Both at once is ambiguous and refused.
 *
 * @example
 * ```ts
 * loadBootstrap({ bootstrapFile: './flags.json' }); // → { flags: {...}, segments: {...} }
 * ```
 */
export function loadBootstrap(options: {
  bootstrap?: BootstrapData;
  bootstrapFile?: string;
}): Snapshot | undefined {
  if (options.bootstrap !== undefined && options.bootstrapFile !== undefined) {
    throw new SwitchboardConfigError('Give either bootstrap or bootstrapFile, not both');
  }
  try {
    if (options.bootstrap !== undefined) return parseSnapshot(options.bootstrap);
    if (options.bootstrapFile !== undefined) {
      return parseSnapshot(JSON.parse(readFileSync(options.bootstrapFile, 'utf8')));
    }
    return undefined;
  } catch (error) {
    const source = options.bootstrapFile ?? 'bootstrap option';
    throw new SwitchboardConfigError(`Cannot load bootstrap data from ${source}`, { cause: error });
  }
}
