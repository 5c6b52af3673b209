import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ValueType } from '../src/index.js';

/**
 * Loader for LaunchDarkly's SDK contract-test data (sdk-test-harness `data-files/server-side-eval`):
 * `constants` and `parameters` are textual `<NAME>` substitutions made on the file's text, as the
 * harness does — a quoted `"<NAME>"` becomes the value's JSON, a bare `<NAME>` inside other text its
 * string form — and a list of lists of parameters expands to every combination.
 */

type Substitutions = Record<string, unknown>;

export interface ConformanceCase {
  readonly title: string;
  readonly data: { flags: Record<string, unknown>; segments: Record<string, unknown> };
  readonly flagKey: string;
  readonly context: unknown;
  readonly defaultValue: unknown;
  readonly type: ValueType | undefined;
  readonly expect: { value: unknown; variationIndex: number | null; reason: Record<string, unknown> };
}

interface Evaluation {
  name?: string;
  flagKey: string;
  context: unknown;
  default?: unknown;
  valueType?: string;
  expect: { value: unknown; variationIndex?: number | null; reason: Record<string, unknown> };
}

interface DataFile {
  name?: string;
  sdkData?: {
    flags?: Record<string, Record<string, unknown>>;
    segments?: Record<string, Record<string, unknown>>;
  };
  evaluations: Evaluation[];
}

function substitute(text: string, substitutions: Substitutions): string {
  let out = text;
  for (const [name, value] of Object.entries(substitutions)) {
    const json = JSON.stringify(value);
    out = out
      .replaceAll(`"<${name}>"`, json)
      .replaceAll(`<${name}>`, typeof value === 'string' ? value : json);
  }
  return out;
}

/** One substitution set per copy of the file: a list of objects as is, a list of lists as a cartesian product. */
function parameterSets(parameters: unknown[]): Substitutions[] {
  if (parameters.length === 0 || !Array.isArray(parameters[0])) return parameters as Substitutions[];
  return (parameters as Substitutions[][]).reduce<Substitutions[]>(
    (sets, choices) => sets.flatMap((set) => choices.map((choice) => ({ ...set, ...choice }))),
    [{}],
  );
}

export function expandFile(text: string): string[] {
  const { constants = {}, parameters = [] } = parse(text, { merge: true }) as {
    constants?: Substitutions;
    parameters?: unknown[];
  };
  const sets = parameterSets(parameters);
  if (sets.length === 0) return [substitute(text, constants)];
  return sets.map((set) => substitute(substitute(substitute(text, constants), set), constants));
}

/** The zero value of a variation's type, the default when an evaluation gives none. */
function zeroValueLike(value: unknown): unknown {
  if (typeof value === 'boolean') return false;
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return '';
  return null;
}

const VALUE_TYPES: Record<string, ValueType | undefined> = {
  bool: 'boolean',
  int: 'number',
  double: 'number',
  string: 'string',
  any: undefined,
};

function valueTypeOf(valueType: string | undefined, defaultValue: unknown): ValueType | undefined {
  if (valueType !== undefined) return VALUE_TYPES[valueType];
  const kind = typeof defaultValue;
  return kind === 'boolean' || kind === 'number' || kind === 'string' ? kind : undefined;
}

/** Fills in `key` and `version`, which the data files leave to the runner. */
function keyed(items: Record<string, Record<string, unknown>> = {}): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(items).map(([key, item]) => [key, { version: 1, ...item, key }]));
}

function casesOf(file: string, text: string): ConformanceCase[] {
  const doc = parse(text, { merge: true }) as DataFile;
  const flags = keyed(doc.sdkData?.flags);
  const data = { flags, segments: keyed(doc.sdkData?.segments) };
  return doc.evaluations.map((evaluation) => {
    const firstVariation = (flags[evaluation.flagKey]?.variations as unknown[] | undefined)?.[0];
    const defaultValue = 'default' in evaluation ? evaluation.default : zeroValueLike(firstVariation);
    return {
      title: `${file} › ${doc.name ?? ''} › ${evaluation.name ?? evaluation.flagKey}`,
      data,
      flagKey: evaluation.flagKey,
      context: evaluation.context,
      defaultValue,
      type: valueTypeOf(evaluation.valueType, defaultValue),
      expect: {
        value: evaluation.expect.value,
        variationIndex: evaluation.expect.variationIndex ?? null,
        reason: evaluation.expect.reason,
      },
    };
  });
}

export function loadConformanceCases(directory: string): ConformanceCase[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.yml'))
    .sort()
    .flatMap((file) =>
      expandFile(readFileSync(path.join(directory, file), 'utf8')).flatMap((t) => casesOf(file, t)),
    );
}

/** Reasons compare ignoring `inExperiment: false` and absent or null fields. */
export function comparableReason(reason: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(reason).filter(
      ([name, value]) => value !== null && !(name === 'inExperiment' && value === false),
    ),
  );
}
