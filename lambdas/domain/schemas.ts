import { z } from 'zod';
import { fitsContextLimit, MAX_CONTEXT_BYTES } from './context-limits.js';
import { receiptSettingsSchema } from './receipt-schemas.js';

/**
 * Request and response schemas of the HTTP API. Handlers validate with them and the OpenAPI document
 * is generated from them, so each shape is written once. The evaluation JSON parts follow
 * `evaluation.md` field for field.
 */

export const resourceKey = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be 1-128 letters, digits, ".", "_" or "-"');

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
const storedJson = z.json().superRefine((value, ctx) => {
  const issue = unstorable(value);
  if (issue) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

const variationIndex = z.number().int().min(0);
const name = z.string().min(1).max(256);
const description = z.string().max(4096);
const tags = z.array(z.string().min(1).max(64)).max(50);
/** Fields every created resource with a display name shares. */
const describedCreate = {
  key: resourceKey,
  name,
  description: description.default(''),
  tags: tags.default([]),
};

export const clauseSchema = z
  .object({
    contextKind: z.string().min(1).optional(),
    attribute: z.string(),
    op: z.string().min(1),
    values: z.array(storedJson),
    negate: z.boolean().optional(),
  })
  .strict();

export const rolloutSchema = z
  .object({
    kind: z.enum(['rollout', 'experiment']).optional(),
    contextKind: z.string().min(1).optional(),
    bucketBy: z.string().optional(),
    seed: z.number().int().optional(),
    variations: z
      .array(
        z
          .object({
            variation: variationIndex,
            weight: z.number().int().min(0),
            untracked: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const variationOrRolloutSchema = z
  .object({ variation: variationIndex.optional(), rollout: rolloutSchema.optional() })
  .strict();

export const flagRuleSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().optional(),
    clauses: z.array(clauseSchema),
    variation: variationIndex.optional(),
    rollout: rolloutSchema.optional(),
    trackEvents: z.boolean().optional(),
  })
  .strict();

const targetSchema = z.object({ values: z.array(z.string()), variation: variationIndex }).strict();
const contextTargetSchema = z
  .object({ contextKind: z.string().min(1), values: z.array(z.string()), variation: variationIndex })
  .strict();
const prerequisiteSchema = z.object({ key: resourceKey, variation: variationIndex }).strict();

/** The per-environment part of a flag, as the API shows and edits it. */
export const flagEnvironmentSchema = z
  .object({
    on: z.boolean(),
    offVariation: variationIndex.nullable().optional(),
    targets: z.array(targetSchema),
    contextTargets: z.array(contextTargetSchema),
    rules: z.array(flagRuleSchema),
    fallthrough: variationOrRolloutSchema,
    prerequisites: z.array(prerequisiteSchema),
    salt: z.string().min(1),
    trackEvents: z.boolean(),
    trackEventsFallthrough: z.boolean(),
    version: z.number().int().min(1),
  })
  .strict();
export type FlagEnvironment = z.infer<typeof flagEnvironmentSchema>;

export const variationSchema = z
  .object({ value: storedJson, name: z.string().max(256).optional(), description: description.optional() })
  .strict();

const clientSideAvailabilitySchema = z
  .object({ usingEnvironmentId: z.boolean(), usingMobileKey: z.boolean() })
  .strict();

const flagKinds = ['release', 'operational', 'experiment', 'permission'] as const;

/** Project-level fields of a flag. */
export const flagFieldsSchema = z
  .object({
    key: resourceKey,
    name,
    description,
    tags,
    kind: z.enum(flagKinds),
    temporary: z.boolean(),
    variations: z.array(variationSchema).min(1).max(100),
    clientSideAvailability: clientSideAvailabilitySchema,
    maintainer: z.string().max(256).nullable(),
    archived: z.boolean(),
  })
  .strict();
export type FlagFields = z.infer<typeof flagFieldsSchema>;

/** A flag as the management API shows it: project fields plus each environment's configuration. */
export const flagResourceSchema = flagFieldsSchema
  .extend({
    version: z.number().int().min(1),
    createdAt: z.string(),
    environments: z.record(z.string(), flagEnvironmentSchema),
  })
  .strict();
export type FlagResource = z.infer<typeof flagResourceSchema>;

export const createFlagSchema = z
  .object({
    ...describedCreate,
    kind: z.enum(flagKinds).default('release'),
    temporary: z.boolean().default(true),
    variations: z
      .array(variationSchema)
      .min(1)
      .max(100)
      .default([{ value: true }, { value: false }]),
    clientSideAvailability: clientSideAvailabilitySchema.default({
      usingEnvironmentId: false,
      usingMobileKey: false,
    }),
    maintainer: z.string().max(256).nullable().default(null),
    defaults: z
      .object({ onVariation: variationIndex, offVariation: variationIndex })
      .strict()
      .optional()
      .describe(
        'Variation served when on (fallthrough) and when off, in every environment; default first and last',
      ),
  })
  .strict();
export type CreateFlag = z.infer<typeof createFlagSchema>;

/** The evaluation JSON of a flag in one environment, as SDKs receive it (evaluation.md). */
export const evaluationFlagSchema = flagEnvironmentSchema.omit({ version: true }).extend({
  key: resourceKey,
  version: z.number().int(),
  variations: z.array(z.json()),
  clientSideAvailability: clientSideAvailabilitySchema,
  deleted: z.boolean(),
});
export type EvaluationFlag = z.infer<typeof evaluationFlagSchema>;

const segmentRuleSchema = z
  .object({
    id: z.string().min(1),
    clauses: z.array(clauseSchema),
    weight: z.number().int().min(0).max(100_000).optional(),
    bucketBy: z.string().optional(),
    rolloutContextKind: z.string().min(1).optional(),
  })
  .strict();
const segmentTargetSchema = z
  .object({ contextKind: z.string().min(1), values: z.array(z.string()) })
  .strict();

const segmentTargeting = {
  included: z.array(z.string()),
  excluded: z.array(z.string()),
  includedContexts: z.array(segmentTargetSchema),
  excludedContexts: z.array(segmentTargetSchema),
  rules: z.array(segmentRuleSchema),
  unbounded: z.boolean(),
};

/** A segment as the management API shows and edits it. */
export const segmentResourceSchema = z
  .object({
    key: resourceKey,
    name,
    description,
    tags,
    ...segmentTargeting,
    salt: z.string().min(1),
    version: z.number().int().min(1),
  })
  .strict();
export type SegmentResource = z.infer<typeof segmentResourceSchema>;

export const createSegmentSchema = z
  .object({
    ...describedCreate,
    included: segmentTargeting.included.default([]),
    excluded: segmentTargeting.excluded.default([]),
    includedContexts: segmentTargeting.includedContexts.default([]),
    excludedContexts: segmentTargeting.excludedContexts.default([]),
    rules: segmentTargeting.rules.default([]),
    unbounded: z.boolean().default(false),
  })
  .strict();
export type CreateSegment = z.infer<typeof createSegmentSchema>;

export const evaluationSegmentSchema = z.object({
  key: resourceKey,
  version: z.number().int(),
  salt: z.string(),
  ...segmentTargeting,
  generation: z.number().int().optional(),
  deleted: z.boolean(),
});
export type EvaluationSegment = z.infer<typeof evaluationSegmentSchema>;

export const projectSchema = z
  .object({
    key: resourceKey,
    name,
    description,
    tags,
    version: z.number().int().min(1),
    createdAt: z.string(),
  })
  .strict();
export type Project = z.infer<typeof projectSchema>;

export const createProjectSchema = z.object(describedCreate).strict();
export type CreateProject = z.infer<typeof createProjectSchema>;

const color = z.string().regex(/^#?[0-9A-Fa-f]{6}$/, 'must be a hex colour such as #3366ff');

export const environmentSchema = z
  .object({
    key: resourceKey,
    name,
    color,
    clientSideId: z.string(),
    secureMode: z
      .boolean()
      .describe('Browsers must send a hash of their context made by your server with the SDK key'),
    receipts: z.optional(receiptSettingsSchema),
    version: z.number().int().min(1),
    createdAt: z.string(),
    sdkKeys: z.array(
      z.object({
        id: z.string(),
        last4: z.string(),
        createdAt: z.string(),
        expiresAt: z.string().optional(),
      }),
    ),
  })
  .strict();
export type Environment = z.infer<typeof environmentSchema>;

export const createEnvironmentSchema = z
  .object({ key: resourceKey, name, color: color.default('#3366ff'), secureMode: z.boolean().default(false) })
  .strict();
export type CreateEnvironment = z.infer<typeof createEnvironmentSchema>;

/** The environment's secret SDK key appears only in the response that creates or rotates it. */
export const environmentWithKeySchema = environmentSchema.extend({ sdkKey: z.string() });

export const rotateKeysSchema = z
  .object({
    expiryHours: z
      .number()
      .min(0)
      .max(24 * 30)
      .default(24)
      .describe('Hours during which the previous key keeps working; 0 revokes it at once'),
  })
  .strict();

export const roleSchema = z.enum(['reader', 'writer', 'admin']);

/** How many projects one scoped token may name: bounded so a listing stays one filtered Query. */
export const MAX_TOKEN_PROJECTS = 50;

/** A project-scoped token's role per project key. */
export const projectRolesSchema = z
  .record(resourceKey, roleSchema)
  .refine((roles) => Object.keys(roles).length > 0, 'must name at least one project')
  .refine(
    (roles) => Object.keys(roles).length <= MAX_TOKEN_PROJECTS,
    `must name at most ${MAX_TOKEN_PROJECTS} projects`,
  )
  .describe('Role per project key; the token can use no other project and no global route');

/** A token has exactly one of these: a global `role`, or `projects` with a role in each. */
const tokenScope = {
  role: roleSchema.optional().describe('Global role: applies to every project and the global routes'),
  projects: projectRolesSchema.optional(),
};

export const tokenSchema = z.object({
  id: z.string(),
  name,
  ...tokenScope,
  createdAt: z.string(),
  /** From then on the token is refused (401). */
  expiresAt: z.string().optional(),
  /** When the secret was last replaced. */
  rotatedAt: z.string().optional(),
  revokedAt: z.string().optional(),
});
export type TokenInfo = z.infer<typeof tokenSchema>;
export const createTokenSchema = z
  .object({
    name,
    ...tokenScope,
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the token stops working'),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('Days until the token stops working (instead of expiresAt)'),
  })
  .strict()
  .superRefine((input, ctx) => {
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
  });
export type CreateToken = z.infer<typeof createTokenSchema>;
export const tokenWithSecretSchema = tokenSchema.extend({ token: z.string() });
export const rotateTokenSchema = z
  .object({
    expiryHours: z
      .number()
      .min(0)
      .max(24 * 30)
      .default(0)
      .describe('Hours during which the previous secret keeps working; 0 (the default) stops it at once'),
  })
  .strict();
/** The calling token, so a client (the dashboard) can show what its role or per-project roles allow. */
export const meSchema = tokenSchema.pick({
  id: true,
  name: true,
  role: true,
  projects: true,
  expiresAt: true,
});
/** Per environment, what the flag list shows of a flag there: on/off and the version `If-Match` needs. */
export const flagStatesSchema = z.record(
  z.string(),
  z.object({ on: z.boolean(), version: z.number().int().min(1) }),
);

export const auditEntrySchema = z.object({
  id: z.string(),
  project: z.string(),
  time: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }),
  action: z.enum(['create', 'update', 'delete']),
  resource: z.enum(['project', 'environment', 'flag', 'segment']),
  key: z.string(),
  env: z.string().optional(),
  comment: z.string().optional(),
  before: z.json().optional(),
  after: z.json().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * An entry of the global audit log: changes that belong to no project (API tokens). It never holds
 * a secret or a hash, only what the token listing shows.
 */
export const globalAuditEntrySchema = auditEntrySchema
  .omit({ project: true, env: true, action: true, resource: true })
  .extend({ action: z.enum(['create', 'rotate', 'revoke']), resource: z.enum(['token']) });
export type GlobalAuditEntry = z.infer<typeof globalAuditEntrySchema>;

const limit = z.coerce.number().int().min(1).max(200).default(50);
const cursor = z.string().max(2048).optional();
const page = { limit, cursor };

export const pageQuerySchema = z.object(page).strict();
export const flagListQuerySchema = z
  .object({
    ...page,
    tag: z.string().optional(),
    kind: z.enum(flagKinds).optional(),
    archived: z.enum(['true', 'false']).optional(),
    q: z.string().max(256).optional(),
  })
  .strict();
export type FlagListQuery = z.infer<typeof flagListQuerySchema>;
export const auditQuerySchema = z
  .object({ ...page, flag: resourceKey.optional(), env: resourceKey.optional() })
  .strict();
export const envQuerySchema = z.object({ env: resourceKey.optional() }).strict();

/** A page of a list: `cursor` is present while more items follow. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.string().optional() });

export const jsonPatchSchema = z.array(
  z
    .object({
      op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
      path: z.string(),
      from: z.string().optional(),
      value: z.json().optional(),
    })
    .strict(),
);
export type JsonPatch = z.infer<typeof jsonPatchSchema>;

const comment = z.string().max(4096).optional();
const instructionSchema = z.looseObject({ kind: z.string().min(1) });
export type Instruction = z.infer<typeof instructionSchema>;

/** PATCH bodies: a bare JSON Patch, a JSON Patch with a comment, or semantic instructions. */
export const commentedPatchSchema = z.object({ comment, patch: jsonPatchSchema }).strict();
export const instructionsBodySchema = z
  .object({ comment, instructions: z.array(instructionSchema).min(1) })
  .strict();
export const patchBodySchema = z.union([jsonPatchSchema, commentedPatchSchema, instructionsBodySchema]);
export type PatchBody = z.infer<typeof patchBodySchema>;

export const contextSchema = z
  .record(z.string(), z.json())
  .refine(fitsContextLimit, `must be at most ${MAX_CONTEXT_BYTES} bytes of JSON`)
  .describe('An evaluation context (evaluation.md)');

export const evaluationResultSchema = z.object({
  value: z.json(),
  variationIndex: z.number().int().nullable(),
  version: z.number().int().optional(),
  reason: z.record(z.string(), z.json()).optional(),
});
export const evaluateResponseSchema = z.object({ values: z.record(z.string(), evaluationResultSchema) });

export const snapshotSchema = z.object({
  flags: z.record(z.string(), evaluationFlagSchema),
  segments: z.record(z.string(), evaluationSegmentSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
