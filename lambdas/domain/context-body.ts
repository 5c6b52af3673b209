import * as z from 'zod/mini';
import { fitsContextLimit, MAX_CONTEXT_BYTES } from './context-limits.js';

/**
 * The body of an evaluation request: any JSON object within the size limit; its shape is checked by
 * the core's context rules (`parseRequestContext`), which name the field.
 */
export const contextSchema = z
  .record(z.string(), z.json())
  .check(
    z.refine(fitsContextLimit, `must be at most ${MAX_CONTEXT_BYTES} bytes of JSON`),
    z.describe('An evaluation context (evaluation.md)'),
  );
