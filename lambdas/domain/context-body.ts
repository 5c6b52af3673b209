import { jsonValue, record } from '@switchboard/core/schema';
import * as v from 'valibot';
import { fitsContextLimit, MAX_CONTEXT_BYTES } from './context-limits.js';

/**
 * The body of an evaluation request: any JSON object within the size limit; its shape is checked by
 * the core's context rules (`parseRequestContext`), which name the field.
 */
export const contextSchema = v.pipe(
  record(v.string(), jsonValue),
  v.check((context) => fitsContextLimit(context), `must be at most ${MAX_CONTEXT_BYTES} bytes of JSON`),
  v.description('An evaluation context (evaluation.md)'),
);
