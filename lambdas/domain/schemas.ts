import {
  contextKind,
  clauseSchema as modelClauseSchema,
  clientSideAvailabilitySchema as modelClientSideAvailabilitySchema,
  contextTargetSchema as modelContextTargetSchema,
  flagRuleSchema as modelFlagRuleSchema,
  flagSchema as modelFlagSchema,
  prerequisiteSchema as modelPrerequisiteSchema,
  rolloutSchema as modelRolloutSchema,
  segmentRuleSchema as modelSegmentRuleSchema,
  segmentSchema as modelSegmentSchema,
  segmentTargetSchema as modelSegmentTargetSchema,
  targetSchema as modelTargetSchema,
  variationOrRolloutSchema as modelVariationOrRolloutSchema,
  weightedVariationSchema as modelWeightedVariationSchema,
  variationIndex,
} from '@switchboard/core/schema';
import * as z from 'zod/mini';
import { RESOURCE_KEY, RESOURCE_KEY_RULE } from './key-rules.js';
import { receiptSettingsSchema } from './receipt-schemas.js';

/**
 * Request and response schemas of the HTTP API. Handlers validate with them and the OpenAPI document
 * is generated from them, so each shape is written once. The flag model's parts are built from
 * `@switchboard/core/schema`'s (its fields, made strict, with the API's storage and key rules on
 * top); the authoring rules that need the whole environment run after parsing (`checkFlagConfig`,
 * `checkSegment`). The evaluation JSON parts follow `evaluation.md` field for field.
 */

export const resourceKey = z.string().check(z.regex(RESOURCE_KEY, RESOURCE_KEY_RULE));

/**
 * The first part of a JSON value DynamoDB cannot store as it stands: an empty object key, or a
 * number of magnitude from 1e126 up or between 0 and 1e-130. Flags keep variation and clause values
 * as native DynamoDB maps, lists and numbers.
 */
function unstorable(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; message: string } | undefined {
  if (typeof value === 'number') {
    const magnitude = Math.abs(value);
    return magnitude === 0 || (magnitude >= 1e-130 && magnitude < 1e126)
      ? undefined
      : { path, message: 'numbers must be 0 or of magnitude between 1e-130 and 1e126' };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    if (key === '' && !Array.isArray(value)) return { path, message: 'object keys must not be empty' };
    const issue = unstorable(item, at);
    if (issue) return issue;
  }
  return undefined;
}

/** A JSON value that the flags table can store (see {@link unstorable}). */
const storedJson = z.json().check(
  z.superRefine((value, ctx) => {
    const issue = unstorable(value);
    if (issue) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }),
);

const nonEmpty = z.string().check(z.minLength(1));
const version = z.int().check(z.minimum(1));
const name = z.string().check(z.minLength(1), z.maxLength(256));
const description = z.string().check(z.maxLength(4096));
const tags = z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(50));
/** Fields every created resource with a display name shares. */
const describedCreate = {
  key: resourceKey,
  name,
  description: z._default(description, ''),
  tags: z._default(tags, []),
};

/**
 * A clause as the API stores it: values the flags table can hold, and any operator name, so that an
 * unknown one is reported where the rule sits in the document (`checkFlagConfig`).
 */
export const clauseSchema = z.strictObject({
  ...modelClauseSchema.shape,
  op: nonEmpty,
  values: z.array(storedJson),
});

export const rolloutSchema = z.strictObject({
  ...modelRolloutSchema.shape,
  variations: z.array(z.strictObject(modelWeightedVariationSchema.shape)).check(z.minLength(1)),
});

export const variationOrRolloutSchema = z.strictObject({
  ...modelVariationOrRolloutSchema.shape,
  rollout: z.optional(rolloutSchema),
});

export const flagRuleSchema = z.strictObject({
  ...modelFlagRuleSchema.shape,
  id: nonEmpty,
  description: z.optional(z.string()),
  clauses: z.array(clauseSchema),
  rollout: z.optional(rolloutSchema),
});

const targetSchema = z.strictObject(modelTargetSchema.shape);
const contextTargetSchema = z.strictObject({ ...modelContextTargetSchema.shape, contextKind });
const prerequisiteSchema = z.strictObject({ ...modelPrerequisiteSchema.shape, key: resourceKey });

const flagModel = modelFlagSchema.shape;

/** The per-environment part of a flag, as the API shows and edits it: every list present, `null` for no off variation. */
export const flagEnvironmentSchema = z.strictObject({
  on: flagModel.on,
  offVariation: z.optional(z.nullable(variationIndex)),
  targets: z.array(targetSchema),
  contextTargets: z.array(contextTargetSchema),
  rules: z.array(flagRuleSchema),
  fallthrough: variationOrRolloutSchema,
  prerequisites: z.array(prerequisiteSchema),
  salt: nonEmpty,
  trackEvents: z.boolean(),
  trackEventsFallthrough: z.boolean(),
  version,
});
export type FlagEnvironment = z.infer<typeof flagEnvironmentSchema>;

export const variationSchema = z.strictObject({
  value: storedJson,
  name: z.optional(z.string().check(z.maxLength(256))),
  description: z.optional(description),
});

const clientSideAvailabilitySchema = z.strictObject(modelClientSideAvailabilitySchema.shape);

const flagKinds = ['release', 'operational', 'experiment', 'permission'] as const;
const variations = z.array(variationSchema).check(z.minLength(1), z.maxLength(100));
const maintainer = z.nullable(z.string().check(z.maxLength(256)));

/** Project-level fields of a flag. */
export const flagFieldsSchema = z.strictObject({
  key: resourceKey,
  name,
  description,
  tags,
  kind: z.enum(flagKinds),
  temporary: z.boolean(),
  variations,
  clientSideAvailability: clientSideAvailabilitySchema,
  maintainer,
  archived: z.boolean(),
});
export type FlagFields = z.infer<typeof flagFieldsSchema>;

/** A flag as the management API shows it: project fields plus each environment's configuration. */
export const flagResourceSchema = z.extend(flagFieldsSchema, {
  version,
  createdAt: z.string(),
  environments: z.record(z.string(), flagEnvironmentSchema),
});
export type FlagResource = z.infer<typeof flagResourceSchema>;

export const createFlagSchema = z.strictObject({
  ...describedCreate,
  kind: z._default(z.enum(flagKinds), 'release'),
  temporary: z._default(z.boolean(), true),
  variations: z._default(variations, [{ value: true }, { value: false }]),
  clientSideAvailability: z._default(clientSideAvailabilitySchema, {
    usingEnvironmentId: false,
    usingMobileKey: false,
  }),
  maintainer: z._default(maintainer, null),
  defaults: z.optional(
    z
      .strictObject({ onVariation: variationIndex, offVariation: variationIndex })
      .check(
        z.describe(
          'Variation served when on (fallthrough) and when off, in every environment; default first and last',
        ),
      ),
  ),
});
export type CreateFlag = z.infer<typeof createFlagSchema>;

/** The evaluation JSON of a flag in one environment, as SDKs receive it (evaluation.md). */
export const evaluationFlagSchema = z.extend(z.omit(flagEnvironmentSchema, { version: true }), {
  key: resourceKey,
  version: flagModel.version,
  variations: flagModel.variations,
  clientSideAvailability: clientSideAvailabilitySchema,
  deleted: z.boolean(),
});
export type EvaluationFlag = z.infer<typeof evaluationFlagSchema>;

export const segmentRuleSchema = z.strictObject({
  ...modelSegmentRuleSchema.shape,
  id: nonEmpty,
  clauses: z.array(clauseSchema),
});
const segmentTargetSchema = z.strictObject(modelSegmentTargetSchema.shape);

const segmentTargeting = {
  included: z.array(z.string()),
  excluded: z.array(z.string()),
  includedContexts: z.array(segmentTargetSchema),
  excludedContexts: z.array(segmentTargetSchema),
  rules: z.array(segmentRuleSchema),
  unbounded: z.boolean(),
};

/** A segment as the management API shows and edits it. */
export const segmentResourceSchema = z.strictObject({
  key: resourceKey,
  name,
  description,
  tags,
  ...segmentTargeting,
  salt: nonEmpty,
  version,
});
export type SegmentResource = z.infer<typeof segmentResourceSchema>;

export const createSegmentSchema = z.strictObject({
  ...describedCreate,
  included: z._default(segmentTargeting.included, []),
  excluded: z._default(segmentTargeting.excluded, []),
  includedContexts: z._default(segmentTargeting.includedContexts, []),
  excludedContexts: z._default(segmentTargeting.excludedContexts, []),
  rules: z._default(segmentTargeting.rules, []),
  unbounded: z._default(z.boolean(), false),
});
export type CreateSegment = z.infer<typeof createSegmentSchema>;

const segmentModel = modelSegmentSchema.shape;

export const evaluationSegmentSchema = z.object({
  key: resourceKey,
  version: segmentModel.version,
  salt: z.string(),
  ...segmentTargeting,
  generation: segmentModel.generation,
  deleted: z.boolean(),
});
export type EvaluationSegment = z.infer<typeof evaluationSegmentSchema>;

export const projectSchema = z.strictObject({
  key: resourceKey,
  name,
  description,
  tags,
  version,
  createdAt: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

export const createProjectSchema = z.strictObject(describedCreate);
export type CreateProject = z.infer<typeof createProjectSchema>;

const color = z.string().check(z.regex(/^#?[0-9A-Fa-f]{6}$/, 'must be a hex colour such as #3366ff'));

export const environmentSchema = z.strictObject({
  key: resourceKey,
  name,
  color,
  clientSideId: z.string(),
  secureMode: z
    .boolean()
    .check(z.describe('Browsers must send a hash of their context made by your server with the SDK key')),
  receipts: z.optional(receiptSettingsSchema),
  version,
  createdAt: z.string(),
  sdkKeys: z.array(
    z.object({
      id: z.string(),
      last4: z.string(),
      createdAt: z.string(),
      expiresAt: z.optional(z.string()),
    }),
  ),
});
export type Environment = z.infer<typeof environmentSchema>;

export const createEnvironmentSchema = z.strictObject({
  key: resourceKey,
  name,
  color: z._default(color, '#3366ff'),
  secureMode: z._default(z.boolean(), false),
  receipts: z.optional(receiptSettingsSchema),
});
export type CreateEnvironment = z.infer<typeof createEnvironmentSchema>;

/** The environment's secret SDK key appears only in the response that creates or rotates it. */
export const environmentWithKeySchema = z.extend(environmentSchema, { sdkKey: z.string() });

/** Hours during which a replaced secret keeps working. */
const expiryHours = (hours: number, description: string) =>
  z._default(z.number().check(z.minimum(0), z.maximum(24 * 30), z.describe(description)), hours);

export const rotateKeysSchema = z.strictObject({
  expiryHours: expiryHours(24, 'Hours during which the previous key keeps working; 0 revokes it at once'),
});

export const roleSchema = z.enum(['reader', 'writer', 'admin']);

/** How many projects one scoped token may name: bounded so a listing stays one filtered Query. */
export const MAX_TOKEN_PROJECTS = 50;

/** A project-scoped token's role per project key. */
export const projectRolesSchema = z.record(resourceKey, roleSchema).check(
  z.refine((roles) => Object.keys(roles).length > 0, 'must name at least one project'),
  z.refine(
    (roles) => Object.keys(roles).length <= MAX_TOKEN_PROJECTS,
    `must name at most ${MAX_TOKEN_PROJECTS} projects`,
  ),
  z.describe('Role per project key; the token can use no other project and no global route'),
);

/** A token has exactly one of these: a global `role`, or `projects` with a role in each. */
const tokenScope = {
  role: z.optional(
    roleSchema.check(z.describe('Global role: applies to every project and the global routes')),
  ),
  projects: z.optional(projectRolesSchema),
};

export const tokenSchema = z.object({
  id: z.string(),
  name,
  ...tokenScope,
  createdAt: z.string(),
  /** From then on the token is refused (401). */
  expiresAt: z.optional(z.string()),
  /** When the secret was last replaced. */
  rotatedAt: z.optional(z.string()),
  revokedAt: z.optional(z.string()),
});
export type TokenInfo = z.infer<typeof tokenSchema>;
export const createTokenSchema = z
  .strictObject({
    name,
    ...tokenScope,
    expiresAt: z.optional(z.iso.datetime({ offset: true }).check(z.describe('When the token stops working'))),
    expiresInDays: z.optional(
      z
        .int()
        .check(
          z.minimum(1),
          z.maximum(3650),
          z.describe('Days until the token stops working (instead of expiresAt)'),
        ),
    ),
  })
  .check(
    z.superRefine((input, ctx) => {
      if (input.role !== undefined && input.projects !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['projects'],
          message: 'give a global role or projects, not both',
        });
      if (input.role === undefined && input.projects === undefined)
        ctx.addIssue({ code: 'custom', path: ['role'], message: 'give a global role or projects' });
      if (input.expiresAt !== undefined && input.expiresInDays !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['expiresInDays'],
          message: 'give expiresAt or expiresInDays, not both',
        });
    }),
  );
export type CreateToken = z.infer<typeof createTokenSchema>;
export const tokenWithSecretSchema = z.extend(tokenSchema, { token: z.string() });
export const rotateTokenSchema = z.strictObject({
  expiryHours: expiryHours(
    0,
    'Hours during which the previous secret keeps working; 0 (the default) stops it at once',
  ),
});
/** The calling token, so a client (the dashboard) can show what its role or per-project roles allow. */
export const meSchema = z.pick(tokenSchema, {
  id: true,
  name: true,
  role: true,
  projects: true,
  expiresAt: true,
});
/** Per environment, what the flag list shows of a flag there: on/off and the version `If-Match` needs. */
export const flagStatesSchema = z.record(z.string(), z.object({ on: z.boolean(), version }));

export const auditEntrySchema = z.object({
  id: z.string(),
  project: z.string(),
  time: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }),
  action: z.enum(['create', 'update', 'delete']),
  resource: z.enum(['project', 'environment', 'flag', 'segment']),
  key: z.string(),
  env: z.optional(z.string()),
  comment: z.optional(z.string()),
  before: z.optional(z.json()),
  after: z.optional(z.json()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * An entry of the global audit log: changes that belong to no project (API tokens). It never holds
 * a secret or a hash, only what the token listing shows.
 */
export const globalAuditEntrySchema = z.extend(
  z.omit(auditEntrySchema, { project: true, env: true, action: true, resource: true }),
  { action: z.enum(['create', 'rotate', 'revoke']), resource: z.enum(['token']) },
);
export type GlobalAuditEntry = z.infer<typeof globalAuditEntrySchema>;

/** Query strings arrive as text: `limit=20` is read as the number 20. */
const limit = z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(200))), 50);
const cursor = z.optional(z.string().check(z.maxLength(2048)));
const page = { limit, cursor };

export const pageQuerySchema = z.strictObject(page);
export const flagListQuerySchema = z.strictObject({
  ...page,
  tag: z.optional(z.string()),
  kind: z.optional(z.enum(flagKinds)),
  archived: z.optional(z.enum(['true', 'false'])),
  q: z.optional(z.string().check(z.maxLength(256))),
});
export type FlagListQuery = z.infer<typeof flagListQuerySchema>;
export const auditQuerySchema = z.strictObject({
  ...page,
  flag: z.optional(resourceKey),
  env: z.optional(resourceKey),
});
export const envQuerySchema = z.strictObject({ env: z.optional(resourceKey) });

/** A page of a list: `cursor` is present while more items follow. */
export const pageOf = <T extends z.core.$ZodType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.optional(z.string()) });

export const jsonPatchSchema = z.array(
  z.strictObject({
    op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
    path: z.string(),
    from: z.optional(z.string()),
    value: z.optional(z.json()),
  }),
);
export type JsonPatch = z.infer<typeof jsonPatchSchema>;

const comment = z.optional(z.string().check(z.maxLength(4096)));
const instructionSchema = z.looseObject({ kind: nonEmpty });
export type Instruction = z.infer<typeof instructionSchema>;

/** PATCH bodies: a bare JSON Patch, a JSON Patch with a comment, or semantic instructions. */
export const commentedPatchSchema = z.strictObject({ comment, patch: jsonPatchSchema });
export const instructionsBodySchema = z.strictObject({
  comment,
  instructions: z.array(instructionSchema).check(z.minLength(1)),
});
export const patchBodySchema = z.union([jsonPatchSchema, commentedPatchSchema, instructionsBodySchema]);
export type PatchBody = z.infer<typeof patchBodySchema>;

// In a module of its own so that the SDK function, which validates only contexts, loads no other schema.
export { contextSchema } from './context-body.js';

export const evaluationResultSchema = z.object({
  value: z.json(),
  variationIndex: z.nullable(z.int()),
  version: z.optional(z.int()),
  reason: z.optional(z.record(z.string(), z.json())),
});
export const evaluateResponseSchema = z.object({ values: z.record(z.string(), evaluationResultSchema) });

export const snapshotSchema = z.object({
  flags: z.record(z.string(), evaluationFlagSchema),
  segments: z.record(z.string(), evaluationSegmentSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.optional(z.string()) }),
});
