import { eventBatchSchema, strictObject } from '@switchboard/core/schema';
import * as v from 'valibot';
import { acceptedEventsSchema, insightsSchema, lastEvaluatedSchema } from '../domain/analytics-schemas.js';
import {
  environmentInstructionDocs,
  flagInstructionDocs,
  type InstructionDoc,
  type InstructionDocs,
  projectInstructionDocs,
  segmentInstructionDocs,
} from '../domain/instruction-docs.js';
import {
  environmentInstructions,
  flagInstructions,
  projectInstructions,
  segmentInstructions,
} from '../domain/instructions.js';
import {
  auditEntrySchema,
  environmentWithKeySchema,
  errorResponseSchema,
  evaluateResponseSchema,
  evaluationFlagSchema,
  evaluationResultSchema,
  evaluationSegmentSchema,
  globalAuditEntrySchema,
  meSchema,
  snapshotSchema,
  tokenSchema,
  tokenWithSecretSchema,
} from '../domain/response-schemas.js';
import {
  clauseSchema,
  commentedPatchSchema,
  contextSchema,
  copyFlagSchema,
  createEnvironmentSchema,
  createFlagSchema,
  createProjectSchema,
  createSegmentSchema,
  environmentSchema,
  flagEnvironmentSchema,
  flagResourceSchema,
  flagRuleSchema,
  instructionsBodySchema,
  jsonPatchSchema,
  projectSchema,
  rolloutSchema,
  rotateKeysSchema,
  segmentResourceSchema,
  variationSchema,
} from '../domain/schemas.js';
import {
  createTokenSchema,
  projectRolesSchema,
  roleSchema,
  rotateTokenSchema,
} from '../domain/token-schemas.js';

/**
 * The schemas the OpenAPI document names: wherever one of these appears (as a body, a response or
 * inside another schema) the document holds `{"$ref": "#/components/schemas/<name>"}`. Matching is
 * by identity, so the declarations need no `.meta()`; a schema used both as input and output with
 * different shapes (defaults filled in on output) gets a second component, `<name>Output`.
 *
 * @example
 * createDocument({ openapi: '3.1.0', info, paths, components: { schemas: namedSchemas } });
 */
export const namedSchemas: Readonly<Record<string, v.GenericSchema>> = {
  Error: errorResponseSchema,
  Project: projectSchema,
  CreateProject: createProjectSchema,
  Environment: environmentSchema,
  EnvironmentWithKey: environmentWithKeySchema,
  CreateEnvironment: createEnvironmentSchema,
  RotateKeys: rotateKeysSchema,
  Flag: flagResourceSchema,
  CopyFlag: copyFlagSchema,
  CreateFlag: createFlagSchema,
  FlagEnvironment: flagEnvironmentSchema,
  FlagRule: flagRuleSchema,
  Clause: clauseSchema,
  Rollout: rolloutSchema,
  Variation: variationSchema,
  LastEvaluated: lastEvaluatedSchema,
  Insights: insightsSchema,
  Segment: segmentResourceSchema,
  CreateSegment: createSegmentSchema,
  AuditEntry: auditEntrySchema,
  GlobalAuditEntry: globalAuditEntrySchema,
  Role: roleSchema,
  ProjectRoles: projectRolesSchema,
  Token: tokenSchema,
  TokenWithSecret: tokenWithSecretSchema,
  CreateToken: createTokenSchema,
  RotateToken: rotateTokenSchema,
  Me: meSchema,
  Context: contextSchema,
  EvaluationResult: evaluationResultSchema,
  EvaluateResponse: evaluateResponseSchema,
  Snapshot: snapshotSchema,
  EvaluationFlag: evaluationFlagSchema,
  EvaluationSegment: evaluationSegmentSchema,
  EventBatch: eventBatchSchema,
  AcceptedEvents: acceptedEventsSchema,
  JsonPatch: jsonPatchSchema,
  CommentedJsonPatch: commentedPatchSchema,
};

/** What the document needs of an instruction kind (`instructions.ts` and `instruction-docs.ts`). */
export interface DocumentedInstruction extends InstructionDoc {
  readonly args:
    | v.ObjectSchema<v.ObjectEntries, undefined>
    | v.StrictObjectSchema<v.ObjectEntries, undefined>;
  readonly perEnvironment?: boolean;
}

/** A resource's semantic-patch instruction kinds, by `kind`. */
export type InstructionKinds = Readonly<Record<string, DocumentedInstruction>>;

/**
 * The instruction kinds of one PATCH route and the name its components take. `envQuery`: the
 * route's `?env=` names the environment of per-environment kinds (a segment's is in its path).
 */
export interface InstructionSet {
  readonly resource: string;
  readonly kinds: InstructionKinds;
  readonly envQuery?: true;
}

/** Each instruction kind with its documentation; a kind without any, or documentation of none, throws. */
export function documented(
  kinds: Readonly<Record<string, Omit<DocumentedInstruction, keyof InstructionDoc>>>,
  docs: InstructionDocs,
): InstructionKinds {
  const undocumented = Object.keys(kinds).filter((kind) => !Object.hasOwn(docs, kind));
  const unknown = Object.keys(docs).filter((kind) => !Object.hasOwn(kinds, kind));
  if (undocumented.length > 0 || unknown.length > 0) {
    throw new Error(`Instructions undocumented [${undocumented}], documented but unknown [${unknown}]`);
  }
  return Object.fromEntries(
    Object.entries(kinds).map(([kind, definition]) => [kind, { ...definition, ...docs[kind] }]),
  ) as InstructionKinds;
}

/** The instruction kinds each PATCH route accepts, by route key. */
export const patchInstructions: Readonly<Record<string, InstructionSet>> = {
  'PATCH /api/v1/projects/{project}': {
    resource: 'Project',
    kinds: documented(projectInstructions, projectInstructionDocs),
  },
  'PATCH /api/v1/projects/{project}/environments/{env}': {
    resource: 'Environment',
    kinds: documented(environmentInstructions, environmentInstructionDocs),
  },
  'PATCH /api/v1/projects/{project}/flags/{flag}': {
    resource: 'Flag',
    kinds: documented(flagInstructions, flagInstructionDocs),
    envQuery: true,
  },
  'PATCH /api/v1/projects/{project}/environments/{env}/segments/{segment}': {
    resource: 'Segment',
    kinds: documented(segmentInstructions, segmentInstructionDocs),
  },
};

const PER_ENVIRONMENT =
  ' Applies to one environment: the instruction’s `env`, or else the request’s `?env=`.';

/**
 * The documented PATCH body of one resource, and the components it is made of: one per instruction
 * kind (`<Resource>Instruction.<kind>`, its fields with `kind` fixed), their union discriminated on
 * `kind` (`<Resource>Instruction`), the `{comment, instructions}` body (`<Resource>Instructions`) and
 * the body as a whole, JSON Patch or instructions (`<Resource>Patch`). Only the arguments' entries
 * are read.
 *
 * @example
 * const { body, components } = instructionComponents({ resource: 'Flag', kinds: flagInstructions });
 * // components['FlagInstruction.turnFlagOn'] describes {"kind": "turnFlagOn", "env"?: string}
 */
export function instructionComponents({ resource, kinds, envQuery }: InstructionSet): {
  body: v.GenericSchema;
  components: Record<string, v.GenericSchema>;
} {
  const components: Record<string, v.GenericSchema> = {};
  const options = Object.entries(kinds).map(([kind, { args, description, example, perEnvironment }]) => {
    const { kind: _any, ...fields } = args.entries;
    const schema = v.pipe(
      strictObject({ kind: v.literal(kind), ...fields }),
      v.description(perEnvironment && envQuery ? description + PER_ENVIRONMENT : description),
      v.examples([{ kind, ...example }]),
    );
    components[`${resource}Instruction.${kind}`] = schema;
    return schema;
  });
  if (options.length === 0) throw new Error(`${resource} has no instruction kinds`);
  const union = v.variant('kind', options);
  const instructions = strictObject({
    ...instructionsBodySchema.entries,
    instructions: v.pipe(v.array(union), v.minLength(1)),
  });
  const body = v.pipe(
    v.union([jsonPatchSchema, commentedPatchSchema, instructions]),
    v.description(
      `A JSON Patch (RFC 6902) of the ${resource.toLowerCase()}, alone or as \`{comment, patch}\`, or \`{comment, instructions}\`: semantic edits applied in order.`,
    ),
  );
  components[`${resource}Instruction`] = union;
  components[`${resource}Instructions`] = instructions;
  components[`${resource}Patch`] = body;
  return { body, components };
}
