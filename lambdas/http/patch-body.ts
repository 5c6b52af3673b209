import { parsePatchRequest } from '../domain/patch-request.js';
import { patchBodySchema } from '../domain/schemas.js';

/**
 * A PATCH body: JSON Patch or instructions, told apart by shape. In a module of its own so that
 * only the functions with PATCH routes carry the instructions and the JSON Patch library.
 */
export const patchBody = { schema: patchBodySchema, parse: parsePatchRequest };
