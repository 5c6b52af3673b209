import { ValidationError } from '../errors.js';
import { applyInstructions, type InstructionContext } from './instructions.js';
import { applyJsonPatch } from './json-patch.js';
import {
  commentedPatchSchema,
  type Instruction,
  instructionsBodySchema,
  type JsonPatch,
  jsonPatchSchema,
} from './schemas.js';
import { parseWith } from './validation.js';

export type PatchRequest =
  | { readonly kind: 'patch'; readonly patch: JsonPatch; readonly comment?: string | undefined }
  | {
      readonly kind: 'instructions';
      readonly instructions: Instruction[];
      readonly comment?: string | undefined;
    };

/** Recognises the three PATCH body forms by shape, so errors name the form the caller meant. */
export function parsePatchRequest(body: unknown): PatchRequest {
  if (Array.isArray(body)) return { kind: 'patch', patch: parseWith(jsonPatchSchema, body, 'patch') };
  if (typeof body === 'object' && body !== null && 'instructions' in body) {
    return { kind: 'instructions', ...parseWith(instructionsBodySchema, body) };
  }
  if (typeof body === 'object' && body !== null && 'patch' in body) {
    return { kind: 'patch', ...parseWith(commentedPatchSchema, body) };
  }
  throw new ValidationError(
    'body must be a JSON Patch array, { "patch": [...] } or { "instructions": [...] }',
    'instructions',
  );
}

type Registry<D> = Parameters<typeof applyInstructions<D>>[0];

/** Applies either form to `document`; returns the edited copy and environments named by instructions. */
export function applyPatchRequest<D>(
  registry: Registry<D>,
  document: D,
  request: PatchRequest,
  context: InstructionContext,
): { document: D; environments: Set<string> } {
  if (request.kind === 'patch')
    return { document: applyJsonPatch(document, request.patch), environments: new Set() };
  return applyInstructions(registry, document, request.instructions, context);
}
