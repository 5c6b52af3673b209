// The core module alone: the package's index also loads its observe/compare half (`duplex`) into its
// default export, which no function uses.
import { applyPatch, type Operation } from 'fast-json-patch/module/core.mjs';
import { PatchError } from 'fast-json-patch/module/helpers.mjs';
import { ConflictError, ValidationError } from '../errors.js';
import type { JsonPatch } from './schemas.js';

/** `/environments/production/rules/1` → `environments.production.rules[1]`, the API's field naming. */
export function pointerToField(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  return parts.reduce<string>((out, part) => {
    if (/^(0|[1-9]\d*)$/.test(part)) return `${out}[${part}]`;
    return out ? `${out}.${part}` : part;
  }, '');
}

function isPatchError(error: unknown): error is PatchError {
  return error instanceof PatchError;
}

/**
 * Applies an RFC 6902 patch to a copy of `document`. A failing `test` operation is a conflict (the
 * document is not what the caller expected); any other failure is a bad request naming the path.
 */
export function applyJsonPatch<T>(document: T, patch: JsonPatch): T {
  // A resource is edited field by field; a whole new document could only fail validation as a whole.
  const whole = patch.findIndex((operation) => operation.path === '' && operation.op !== 'test');
  if (whole >= 0) {
    throw new ValidationError(
      `patch[${whole}].path: a patch changes the resource's fields; "" would replace the whole document`,
      `patch[${whole}].path`,
    );
  }
  try {
    return applyPatch(structuredClone(document), patch as Operation[], true, true, true).newDocument;
  } catch (error) {
    if (!isPatchError(error)) throw error;
    const operation = patch[error.index ?? 0];
    const field = operation ? pointerToField(operation.path) : undefined;
    const at = `patch[${error.index ?? 0}]`;
    if (error.name === 'TEST_OPERATION_FAILED') {
      throw new ConflictError(`${at}: test operation failed at "${operation?.path}"`, { cause: error });
    }
    // The library appends the operation and the whole document to its message: keep the sentence.
    const reason = error.message.split('\n')[0];
    throw new ValidationError(`${at}: ${reason} ("${operation?.path}")`, field || at, {
      cause: error,
    });
  }
}
