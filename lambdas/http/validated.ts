import type * as v from 'valibot';
import { parseWith } from '../domain/validation.js';
import type { Parser } from './route-table.js';

/**
 * A route's body or query parser from a zod schema: validated with the core's parser (a 400 naming
 * the field), and documented in the OpenAPI document by the same schema.
 *
 * @example
 * ```ts
 * on('POST /api/v1/projects', { body: validated(createProjectSchema), handle: … });
 * ```
 */
export const validated = <S extends v.GenericSchema>(schema: S): Parser<v.InferOutput<S>> => ({
  schema,
  parse: (json, field) => parseWith(schema, json, field),
});
