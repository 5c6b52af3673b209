import { object } from '@switchboard/core/schema';
import * as v from 'valibot';
import { contextSchema } from '../domain/context-body.js';

/*
 * Build-time only, like `openapi.ts`: the body and query of routes that read them without a schema
 * library (their functions load none), documented by schemas that accept and refuse the same input.
 */

/** The documented body and query of each such route, by route key. */
export const requestSchemas: Readonly<
  Record<string, { readonly body?: v.GenericSchema; readonly query?: v.GenericSchema }>
> = {
  'POST /api/v1/projects/{project}/environments/{env}/evaluate': { body: contextSchema },
  'POST /sdk/v1/evaluate/{clientSideId}': {
    body: contextSchema,
    query: object({
      h: v.optional(
        v.pipe(
          v.string(),
          v.description(
            "Secure mode: the context's hash made by your server (see docs/delivery.md, Browser delivery)",
          ),
        ),
      ),
    }),
  },
};
