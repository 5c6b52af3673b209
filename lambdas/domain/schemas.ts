import { copyActions } from '@switchboard/core';
import {
  clauseEntries,
  contextKind,
  flagEntries,
  flagRuleEntries,
  int,
  jsonValue,
  looseObject,
  clientSideAvailabilitySchema as modelClientSideAvailabilitySchema,
  contextTargetSchema as modelContextTargetSchema,
  prerequisiteSchema as modelPrerequisiteSchema,
  segmentTargetSchema as modelSegmentTargetSchema,
  targetSchema as modelTargetSchema,
  weightedVariationSchema as modelWeightedVariationSchema,
  object,
  record,
  refined,
  rolloutEntries,
  segmentRuleEntries,
  strictObject,
  variationIndex,
  variationOrRolloutEntries,
} from '@switchboard/core/schema';
import * as v from 'valibot';
import { RESOURCE_KEY, RESOURCE_KEY_RULE } from './key-rules.js';
import { receiptSettingsSchema } from './receipt-schemas.js';

/**
 * Request and response schemas of the HTTP API. Handlers validate with them and the OpenAPI document
 * is generated from them, so each shape is written once. The flag model's parts are built from
 * `@switchboard/core/schema`'s (its fields, made strict, with the API's storage and key rules on
 * top); the authoring rules that need the whole environment run after parsing (`checkFlagConfig`,
 * `checkSegment`). The evaluation JSON parts follow `evaluation.md` field for field.
 */

export const resourceKey = v.pipe(v.string(), v.regex(RESOURCE_KEY, RESOURCE_KEY_RULE));

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
const storedJson = refined(jsonValue, (value) => {
  const issue = unstorable(value);
  return issue ? [issue] : [];
});

const nonEmpty = v.pipe(v.string(), v.minLength(1));
export const version = v.pipe(int(), v.minValue(1));
/** One line of text: no control character (a NUL or a newline shows as garbage in lists). */
const oneLine = v.regex(
  // Spelled as ranges, not \p{Cc}, so that the OpenAPI document's pattern reads the same in any dialect.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ranges are the characters refused.
  /^[^\u0000-\u001F\u007F-\u009F]*$/,
  'must not contain control characters such as NUL, tab or newline',
);
/** A display name: one line of text. */
export const name = v.pipe(v.string(), v.minLength(1), v.maxLength(256), oneLine);
const description = v.pipe(v.string(), v.maxLength(4096));
/** Tags are one-line labels, each kept once (as `addTags` keeps them), in the order first given. */
const tags = v.pipe(
  v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64), oneLine)),
  v.maxLength(50),
  v.transform((list) => [...new Set(list)]),
);
/** Fields every created resource with a display name shares. */
const describedCreate = {
  key: resourceKey,
  name,
  description: v.optional(description, ''),
  tags: v.optional(tags, []),
};

/**
 * A clause as the API stores it: values the flags table can hold, and any operator name, so that an
 * unknown one is reported where the rule sits in the document (`checkFlagConfig`).
 */
export const clauseSchema = strictObject({
  ...clauseEntries,
  op: nonEmpty,
  values: v.array(storedJson),
});

export const rolloutSchema = strictObject({
  ...rolloutEntries,
  variations: v.pipe(v.array(strictObject(modelWeightedVariationSchema.entries)), v.minLength(1)),
});

export const variationOrRolloutSchema = strictObject({
  ...variationOrRolloutEntries,
  rollout: v.optional(rolloutSchema),
});

export const flagRuleSchema = strictObject({
  ...flagRuleEntries,
  id: nonEmpty,
  description: v.optional(v.string()),
  clauses: v.array(clauseSchema),
  rollout: v.optional(rolloutSchema),
});

const targetSchema = strictObject(modelTargetSchema.entries);
const contextTargetSchema = strictObject({ ...modelContextTargetSchema.entries, contextKind });
const prerequisiteSchema = strictObject({ ...modelPrerequisiteSchema.entries, key: resourceKey });

const flagModel = flagEntries;

/** The per-environment part of a flag, as the API shows and edits it: every list present, `null` for no off variation. */
export const flagEnvironmentSchema = strictObject({
  on: flagModel.on,
  offVariation: v.optional(v.nullable(variationIndex)),
  targets: v.array(targetSchema),
  contextTargets: v.array(contextTargetSchema),
  rules: v.array(flagRuleSchema),
  fallthrough: variationOrRolloutSchema,
  prerequisites: v.array(prerequisiteSchema),
  salt: nonEmpty,
  trackEvents: v.boolean(),
  trackEventsFallthrough: v.boolean(),
  version,
});
export type FlagEnvironment = v.InferOutput<typeof flagEnvironmentSchema>;

export const variationSchema = strictObject({
  value: storedJson,
  name: v.optional(v.pipe(v.string(), v.maxLength(256))),
  description: v.optional(description),
});

export const clientSideAvailabilitySchema = strictObject(modelClientSideAvailabilitySchema.entries);

const flagKinds = ['release', 'operational', 'experiment', 'permission'] as const;
const variations = v.pipe(v.array(variationSchema), v.minLength(1), v.maxLength(100));
/** A new flag's variations unless it names its own. */
const BOOLEAN_VARIATIONS: v.InferInput<typeof variations> = [{ value: true }, { value: false }];
const maintainer = v.nullable(v.pipe(v.string(), v.maxLength(256)));

/** Project-level fields of a flag. */
export const flagFieldsSchema = strictObject({
  key: resourceKey,
  name,
  description,
  tags,
  kind: v.picklist(flagKinds),
  temporary: v.boolean(),
  variations,
  clientSideAvailability: clientSideAvailabilitySchema,
  maintainer,
  archived: v.boolean(),
});
export type FlagFields = v.InferOutput<typeof flagFieldsSchema>;

/** A flag as the management API shows it: project fields plus each environment's configuration. */
export const flagResourceSchema = strictObject({
  ...flagFieldsSchema.entries,
  version,
  createdAt: v.string(),
  environments: record(v.string(), flagEnvironmentSchema),
});
export type FlagResource = v.InferOutput<typeof flagResourceSchema>;

export const createFlagSchema = strictObject({
  ...describedCreate,
  kind: v.optional(v.picklist(flagKinds), 'release'),
  temporary: v.optional(v.boolean(), true),
  variations: v.optional(variations, BOOLEAN_VARIATIONS),
  clientSideAvailability: v.optional(clientSideAvailabilitySchema, {
    usingEnvironmentId: false,
    usingMobileKey: false,
  }),
  maintainer: v.optional(maintainer, null),
  defaults: v.optional(
    v.pipe(
      strictObject({ onVariation: variationIndex, offVariation: variationIndex }),
      v.description(
        'Variation served when on (fallthrough) and when off, in every environment; default first and last',
      ),
    ),
  ),
});
export type CreateFlag = v.InferOutput<typeof createFlagSchema>;

export const segmentRuleSchema = strictObject({
  ...segmentRuleEntries,
  id: nonEmpty,
  clauses: v.array(clauseSchema),
});
const segmentTargetSchema = strictObject(modelSegmentTargetSchema.entries);

export const segmentTargeting = {
  included: v.array(v.string()),
  excluded: v.array(v.string()),
  includedContexts: v.array(segmentTargetSchema),
  excludedContexts: v.array(segmentTargetSchema),
  rules: v.array(segmentRuleSchema),
  unbounded: v.boolean(),
};

/** A segment as the management API shows and edits it. */
export const segmentResourceSchema = strictObject({
  key: resourceKey,
  name,
  description,
  tags,
  ...segmentTargeting,
  salt: nonEmpty,
  version,
});
export type SegmentResource = v.InferOutput<typeof segmentResourceSchema>;

export const createSegmentSchema = strictObject({
  ...describedCreate,
  included: v.optional(segmentTargeting.included, []),
  excluded: v.optional(segmentTargeting.excluded, []),
  includedContexts: v.optional(segmentTargeting.includedContexts, []),
  excludedContexts: v.optional(segmentTargeting.excludedContexts, []),
  /** A rule without an `id` gets one, as `addRule` gives one. */
  rules: v.optional(v.array(strictObject({ ...segmentRuleSchema.entries, id: v.optional(nonEmpty) })), []),
  unbounded: v.optional(v.boolean(), false),
});
export type CreateSegment = v.InferOutput<typeof createSegmentSchema>;

export const projectSchema = strictObject({
  key: resourceKey,
  name,
  description,
  tags,
  version,
  createdAt: v.string(),
});
export type Project = v.InferOutput<typeof projectSchema>;

export const createProjectSchema = strictObject(describedCreate);
export type CreateProject = v.InferOutput<typeof createProjectSchema>;

/** `#rrggbb`; LaunchDarkly's `rrggbb` is taken too, and stored with its `#` for the dashboard's CSS. */
const color = v.pipe(
  v.string(),
  v.regex(/^#?[0-9A-Fa-f]{6}$/, 'must be a hex colour such as #3366ff'),
  v.transform((hex) => (hex.startsWith('#') ? hex : `#${hex}`)),
);

export const environmentSchema = strictObject({
  key: resourceKey,
  name,
  color,
  clientSideId: v.string(),
  secureMode: v.pipe(
    v.boolean(),
    v.description('Browsers must send a hash of their context made by your server with the SDK key'),
  ),
  receipts: v.optional(receiptSettingsSchema),
  version,
  createdAt: v.string(),
  sdkKeys: v.array(
    object({
      id: v.string(),
      last4: v.string(),
      createdAt: v.string(),
      expiresAt: v.optional(v.string()),
    }),
  ),
});
export type Environment = v.InferOutput<typeof environmentSchema>;

export const createEnvironmentSchema = strictObject({
  key: resourceKey,
  name,
  color: v.optional(color, '#3366ff'),
  secureMode: v.optional(v.boolean(), false),
  receipts: v.optional(receiptSettingsSchema),
});
export type CreateEnvironment = v.InferOutput<typeof createEnvironmentSchema>;

/** Hours during which a replaced secret keeps working. */
export const expiryHours = (hours: number, description: string) =>
  v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(24 * 30), v.description(description)), hours);

export const rotateKeysSchema = strictObject({
  expiryHours: expiryHours(24, 'Hours during which the previous key keeps working; 0 revokes it at once'),
});

/** Query strings arrive as text: `limit=20` is read as the number 20. */
const limit = v.optional(
  v.pipe(v.string(), v.transform(Number), int(), v.minValue(1), v.maxValue(200)),
  '50',
);
const cursor = v.optional(v.pipe(v.string(), v.maxLength(2048)));
const page = { limit, cursor };

export const pageQuerySchema = strictObject(page);
export const flagListQuerySchema = strictObject({
  ...page,
  tag: v.optional(v.string()),
  kind: v.optional(v.picklist(flagKinds)),
  archived: v.optional(v.picklist(['true', 'false'])),
  q: v.optional(v.pipe(v.string(), v.maxLength(256))),
});
export type FlagListQuery = v.InferOutput<typeof flagListQuerySchema>;
export const auditQuerySchema = strictObject({
  ...page,
  flag: v.optional(resourceKey),
  env: v.optional(resourceKey),
});
export const envQuerySchema = strictObject({ env: v.optional(resourceKey) });

export const jsonPatchSchema = v.array(
  strictObject({
    op: v.picklist(['add', 'remove', 'replace', 'move', 'copy', 'test']),
    path: v.string(),
    from: v.optional(v.string()),
    value: v.optional(jsonValue),
  }),
);
export type JsonPatch = v.InferOutput<typeof jsonPatchSchema>;

const comment = v.optional(v.pipe(v.string(), v.maxLength(4096)));
const instructionSchema = looseObject({ kind: nonEmpty });
export type Instruction = v.InferOutput<typeof instructionSchema>;

/** PATCH bodies: a bare JSON Patch, a JSON Patch with a comment, or semantic instructions. */
export const commentedPatchSchema = strictObject({ comment, patch: jsonPatchSchema });
export const instructionsBodySchema = strictObject({
  comment,
  instructions: v.pipe(v.array(instructionSchema), v.minLength(1)),
});
export const patchBodySchema = v.union([jsonPatchSchema, commentedPatchSchema, instructionsBodySchema]);
export type PatchBody = v.InferOutput<typeof patchBodySchema>;

/** One end of a flag copy: an environment, and the flag's version there the caller saw, if it checks. */
const copyEnd = strictObject({ key: resourceKey, currentVersion: v.optional(version) });
const copyActionList = v.optional(v.array(v.picklist(copyActions)));
/** A copy of a flag's configuration from one environment to another (all of it unless the actions narrow it). */
export const copyFlagSchema = strictObject({
  source: copyEnd,
  target: copyEnd,
  comment,
  includedActions: copyActionList,
  excludedActions: copyActionList,
});
export type CopyFlag = v.InferOutput<typeof copyFlagSchema>;

// In a module of its own so that the SDK function, which validates only contexts, loads no other schema.
export { contextSchema } from './context-body.js';
