// The core module alone: the package's index also loads its observe/compare half (`duplex`) into its
// default export, which no function uses.
import { applyOperation, type Operation } from 'fast-json-patch/module/core.mjs';
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

/**
 * What the library throws, for operation `index`, as the API's error: a failed `test` is a conflict
 * (the document is not what the caller expected); anything else is a bad request naming the path.
 */
function patchFailure(error: unknown, operation: JsonPatch[number], index: number): unknown {
  const at = `patch[${index}]`;
  // With prototype modifications banned, the library throws a plain TypeError for such a path.
  if (error instanceof TypeError && error.message.startsWith('JSON-Patch: modifying')) {
    return new ValidationError(`${at}.path: may not name __proto__ or constructor/prototype`, `${at}.path`, {
      cause: error,
    });
  }
  if (!(error instanceof PatchError)) return error;
  if (error.name === 'TEST_OPERATION_FAILED') {
    return new ConflictError(`${at}: test operation failed at "${operation.path}"`, { cause: error });
  }
  // The library appends the operation and the whole document to its message: keep the sentence.
  const reason = error.message.split('\n')[0];
  const from = 'from' in operation ? operation.from : undefined;
  const pointer = error.name === 'OPERATION_FROM_UNRESOLVABLE' && from !== undefined ? from : operation.path;
  return new ValidationError(`${at}: ${reason} ("${pointer}")`, pointerToField(pointer) || at, {
    cause: error,
  });
}

/**
 * RFC 6902 §4.4: a value cannot move into one of its own children (the library throws a TypeError
 * for it, which would be a 500).
 */
function checkMove(operation: JsonPatch[number], index: number): void {
  if (operation.op !== 'move' || !operation.path.startsWith(`${operation.from}/`)) return;
  throw new ValidationError(
    `patch[${index}].path: "${operation.path}" is inside "${operation.from}", which cannot move into itself`,
    `patch[${index}].path`,
  );
}

/**
 * Applies an RFC 6902 patch to a copy of `document`, operation by operation, so that an error names
 * the operation that failed (`patch[i]`) and the field it addressed.
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
  let draft = structuredClone(document);
  patch.forEach((operation, index) => {
    checkMove(operation, index);
    try {
      draft = applyOperation(draft, operation as Operation, true, true, true, index).newDocument;
    } catch (error) {
      throw patchFailure(error, operation, index);
    }
  });
  return draft;
}
