import type { EvaluationFlag, EvaluationSegment } from './response-schemas.js';
import type { CreateFlag, FlagEnvironment, FlagFields, FlagResource, SegmentResource } from './schemas.js';

/** Project-level flag fields plus the bookkeeping the store keeps beside them. */
export type FlagRecord = FlagFields & { readonly version: number; readonly createdAt: string };

/** Non-evaluation fields of a segment, stored beside its evaluation JSON. */
export interface SegmentMeta {
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
}

export function flagFieldsOf(input: CreateFlag): FlagFields {
  const { defaults: _defaults, ...fields } = input;
  return { ...fields, archived: false };
}

/** A new flag's configuration in one environment: off, serving the off variation, fallthrough on-variation. */
export function newFlagEnvironment(
  variationCount: number,
  defaults: CreateFlag['defaults'],
  salt: string,
): FlagEnvironment {
  return {
    on: false,
    offVariation: defaults?.offVariation ?? variationCount - 1,
    targets: [],
    contextTargets: [],
    rules: [],
    fallthrough: { variation: defaults?.onVariation ?? 0 },
    prerequisites: [],
    salt,
    trackEvents: false,
    trackEventsFallthrough: false,
    version: 1,
  };
}

/** The evaluation JSON of evaluation.md: the environment's configuration with the variations copied in. */
export function toEvaluationFlag(fields: FlagFields, config: FlagEnvironment): EvaluationFlag {
  return {
    key: fields.key,
    ...config,
    variations: fields.variations.map((v) => v.value),
    clientSideAvailability: fields.clientSideAvailability,
    deleted: false,
  };
}

export function toFlagEnvironment(flag: EvaluationFlag): FlagEnvironment {
  const { key: _key, variations: _v, clientSideAvailability: _c, deleted: _d, ...config } = flag;
  return config;
}

export function toFlagResource(
  record: FlagRecord,
  environments: Record<string, FlagEnvironment>,
): FlagResource {
  return { ...record, environments };
}

export function splitFlagResource(resource: FlagResource): {
  fields: FlagFields;
  environments: Record<string, FlagEnvironment>;
} {
  const { environments, version: _version, createdAt: _createdAt, ...fields } = resource;
  return { fields, environments };
}

export function toEvaluationSegment(segment: SegmentResource): EvaluationSegment {
  const { name: _n, description: _d, tags: _t, ...evaluation } = segment;
  return { ...evaluation, deleted: false };
}

export function toSegmentResource(segment: EvaluationSegment, meta: SegmentMeta): SegmentResource {
  const { deleted: _deleted, generation: _generation, ...rest } = segment;
  return { ...rest, name: meta.name, description: meta.description, tags: [...meta.tags] };
}
