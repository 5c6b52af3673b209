import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toJsonSchema } from '@valibot/to-json-schema';
import fc from 'fast-check';
import type * as v from 'valibot';
import { expect } from 'vitest';

/**
 * Shared parts of the hostile-input suites (`test/integration/fuzz.*.test.ts`): run settings,
 * arbitraries derived from the JSON Schemas of the served OpenAPI document, hostile values, and the
 * spies that tell whether a request wrote anything.
 */

/**
 * Runs and seed of one property: the suite's bounded default with a fixed seed, so CI is repeatable
 * and quick; `FUZZ_RUNS` and `FUZZ_SEED` raise or vary them (`npm run fuzz:soak`). A failure prints
 * the seed and the shrunk counterexample, which then becomes a plain regression test.
 *
 * @example
 * await fc.assert(fc.asyncProperty(arbitrary, check), fuzzRuns(25));
 */
export function fuzzRuns(defaultRuns: number): { numRuns: number; seed: number; endOnFailure: boolean } {
  const runs = Number(process.env.FUZZ_RUNS);
  const seed = Number(process.env.FUZZ_SEED);
  return {
    numRuns: Number.isSafeInteger(runs) && runs > 0 ? runs : defaultRuns,
    seed: Number.isSafeInteger(seed) ? seed : 0x5b0a2d,
    endOnFailure: false,
  };
}

/** How long a property may take: the soak's larger runs scale it. */
export const fuzzTimeout = (defaultRuns: number, msPerRun: number): number =>
  Math.max(30_000, fuzzRuns(defaultRuns).numRuns * msPerRun);

/** `arbitrary` once in `oneIn` runs, otherwise `otherwise` (`fc.option`'s `freq` counts the other way). */
export const sometimes = <T, U>(
  arbitrary: fc.Arbitrary<T>,
  otherwise: U,
  oneIn: number,
): fc.Arbitrary<T | U> =>
  fc.oneof({ arbitrary: fc.constant(otherwise), weight: oneIn - 1 }, { arbitrary, weight: 1 });

// ---------------------------------------------------------------------------------------------
// Hostile values

/** An object whose keys are set as own properties, so `__proto__` is a key and not the prototype. */
export function ownObject(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const nested = (depth: number, leaf: unknown = 0): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

/** Keys that pollute prototypes when a parser or merge treats them as properties of the object. */
export const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uD800',
    '\uDFFFx',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '0x1F',
    ...pollutionKeys,
    '..',
    '../..',
    '/',
    '%2F',
    '%',
    '%E0%A4%A',
    '#',
    'PROJECT#x',
    '\r\nX-Injected: 1',
    '🎉'.repeat(40),
    'ﬀ\u0301\u202e',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(129, 257, 4097, 70_000).map((n) => 'x'.repeat(n)),
);

export const hostileNumber: fc.Arbitrary<number> = fc.constantFrom(
  -1,
  -0,
  0.5,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  1e21,
  1e125,
  1e126,
  1e308,
  -1e308,
  5e-324,
  1e-131,
);

/** Values of the wrong type, size or depth for wherever they land. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(true, false, null, {}, []),
  fc.constantFrom(64, 3000).map((depth) => nested(depth)),
  fc.constantFrom(...pollutionKeys).map((key) => ownObject([[key, { polluted: true }]])),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(1001, 5001).map((n) => Array.from({ length: n }, () => 0)),
);

// ---------------------------------------------------------------------------------------------
// Arbitraries from JSON Schema

export type JsonSchema = { readonly [key: string]: unknown };

/**
 * A valibot schema as JSON Schema for {@link schemaArbitrary}, and the resolver of its `$ref`s:
 * the converter puts what `v.lazy` wraps (the recursive `jsonValue`) under `$defs` and refers to it
 * as `#/$defs/<id>`. Checks JSON Schema cannot express (`v.check`, authoring rules) are left out, so
 * some values that fit the JSON Schema still fail the parser, as a client's would.
 *
 * @example
 * const { schema, resolve } = jsonSchemaOf(contextSchema);
 * fc.sample(schemaArbitrary(schema, { resolve, hostility: 0 }), 3);
 */
export function jsonSchemaOf(valibotSchema: v.GenericSchema): {
  schema: JsonSchema;
  resolve: (ref: string) => JsonSchema;
} {
  const { $defs, ...schema } = toJsonSchema(valibotSchema, { errorMode: 'ignore' });
  const resolve = (ref: string): JsonSchema => {
    const found = ref.startsWith('#/$defs/') ? $defs?.[ref.slice('#/$defs/'.length)] : undefined;
    if (typeof found !== 'object') throw new Error(`Unknown schema ${ref}`);
    return found as JsonSchema;
  };
  return { schema, resolve };
}

export interface SchemaArbitraryOptions {
  /** Resolves `$ref`s (`#/components/schemas/Name`, `#/$defs/0`). */
  readonly resolve: (ref: string) => JsonSchema;
  /** Weight of a hostile value against 10 for a schema-shaped one, at every node; 0 for valid only. */
  readonly hostility: number;
}

const MAX_DEPTH = 4;
const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));

const num = (schema: JsonSchema, key: string): number | undefined =>
  typeof schema[key] === 'number' ? (schema[key] as number) : undefined;

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = num(schema, 'minLength') ?? 0;
  const maxLength = Math.max(minLength, Math.min(num(schema, 'maxLength') ?? 16, 16));
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern);
    const max = num(schema, 'maxLength') ?? Number.POSITIVE_INFINITY;
    // fast-check cannot generate lookarounds: generate without them, keep what the whole pattern takes.
    const generable = new RegExp(schema.pattern.replace(/\(\?<?[=!][^)]*\)/g, ''));
    return fc.stringMatching(generable).filter((s) => s.length <= max && pattern.test(s));
  }
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  return fc.string({ minLength, maxLength });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = num(schema, 'minimum') ?? num(schema, 'exclusiveMinimum') ?? -1e6;
  const max = num(schema, 'maximum') ?? num(schema, 'exclusiveMaximum') ?? 1e6;
  if (!integer) return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const lo = Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER);
  const hi = Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER);
  const now = Date.now();
  // Epoch milliseconds (a range from 2001 on that holds now): mostly within the hour, where the
  // servers' own time checks let them through.
  if (lo >= 1e12 && lo <= now && now <= hi) {
    return fc.oneof(fc.integer({ min: now - 3_600_000, max: now }), fc.integer({ min: lo, max: hi }));
  }
  // Mostly at the lower bound, where indexes and small counts live.
  return fc.oneof(fc.integer({ min: lo, max: Math.min(hi, lo + 1) }), fc.integer({ min: lo, max: hi }));
}

const asKey = (key: unknown): string => (typeof key === 'string' ? key : (JSON.stringify(key) ?? ''));

function objectArbitrary(
  schema: JsonSchema,
  build: Build,
  depth: number,
  hostile: boolean,
): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const pair = (key: string, value: fc.Arbitrary<unknown>) =>
    value.map((v) => [[key, v]] as [string, unknown][]);
  const present = fc.tuple(
    ...Object.entries(properties).map(([key, value]) =>
      required.has(key)
        ? pair(key, build(value, depth + 1))
        : fc.option(pair(key, build(value, depth + 1)), { nil: [] }),
    ),
  );
  const additional = schema.additionalProperties;
  const names = schema.propertyNames
    ? build(schema.propertyNames as JsonSchema, depth + 1).map(asKey)
    : fc.string({ maxLength: 8 });
  const extra =
    additional && typeof additional === 'object'
      ? fc.array(fc.tuple(names, build(additional as JsonSchema, depth + 1)), { maxLength: 3 })
      : fc.constant([] as [string, unknown][]);
  // Keys that pollute prototypes, where a strict schema must refuse them and a loose one keep them inert.
  const polluting = hostile
    ? sometimes(fc.tuple(fc.constantFrom(...pollutionKeys), hostileValue), undefined, 8)
    : fc.constant(undefined);
  return fc
    .tuple(present, extra, polluting)
    .map(([pairs, more, bad]) => ownObject([...pairs.flat(), ...more, ...(bad ? [bad] : [])]));
}

type Build = (schema: JsonSchema, depth: number) => fc.Arbitrary<unknown>;

/**
 * Values for a JSON Schema (the subset valibot's `toJsonSchema` emits): schema-shaped values, with
 * hostile ones mixed in at every node when `hostility` > 0, so a request is valid but for one
 * field deep inside as often as it is wrong at the top.
 *
 * @example
 * fc.sample(schemaArbitrary({ type: 'integer', minimum: 0 }, { resolve, hostility: 1 }), 3);
 */
export function schemaArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  const shaped = (node: JsonSchema, depth: number): fc.Arbitrary<unknown> => {
    if (typeof node.$ref === 'string') {
      return depth > MAX_DEPTH ? scalar : build(options.resolve(node.$ref), depth + 1);
    }
    if ('const' in node) return fc.constant(node.const);
    if (Array.isArray(node.enum)) return fc.constantFrom(...(node.enum as unknown[]));
    const alternatives = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
    if (alternatives) {
      const usable =
        depth > MAX_DEPTH
          ? alternatives.filter((a) => a.type !== 'array' && a.type !== 'object')
          : alternatives;
      return fc.oneof(...(usable.length > 0 ? usable : alternatives).map((a) => build(a, depth + 1)));
    }
    if (Array.isArray(node.allOf) && node.allOf.length > 0) return build(node.allOf[0] as JsonSchema, depth);
    if (Array.isArray(node.type))
      return fc.oneof(...(node.type as string[]).map((type) => shaped({ ...node, type }, depth)));
    switch (node.type) {
      case 'string':
        return stringArbitrary(node);
      case 'integer':
        return numberArbitrary(node, true);
      case 'number':
        return numberArbitrary(node, false);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const minLength = num(node, 'minItems') ?? 0;
        const maxLength = Math.max(minLength, Math.min(num(node, 'maxItems') ?? 3, 3));
        const items = (node.items ?? {}) as JsonSchema;
        return depth > MAX_DEPTH + 2 && minLength === 0
          ? fc.constant([])
          : fc.array(build(items, depth + 1), { minLength, maxLength });
      }
      case 'object':
        return objectArbitrary(node, build, depth, options.hostility > 0);
      default:
        return depth > MAX_DEPTH ? scalar : fc.jsonValue({ maxDepth: 2 });
    }
  };
  const build: Build = (node, depth) =>
    options.hostility > 0
      ? fc.oneof(
          { arbitrary: shaped(node, depth), weight: 10 },
          { arbitrary: hostileValue, weight: options.hostility },
        )
      : shaped(node, depth);
  return build(schema, 0);
}

// ---------------------------------------------------------------------------------------------
// Write spies and invariants

const READS = new Set(['GetCommand', 'BatchGetCommand', 'QueryCommand', 'ScanCommand', 'TransactGetCommand']);

export interface WriteSpy {
  readonly client: DynamoDBDocumentClient;
  /** Successful DynamoDB calls other than reads, so far. */
  readonly writes: () => number;
}

/**
 * Wraps a document client and counts the calls that can change a table and succeeded. A write
 * that DynamoDB refused (a failed condition, a cancelled transaction) changed nothing and is not
 * counted; any command not known to be a read is.
 */
export function spyOnWrites(client: DynamoDBDocumentClient): WriteSpy {
  let writes = 0;
  const spy = Object.create(client) as DynamoDBDocumentClient;
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  Object.defineProperty(spy, 'send', {
    value: async (command: { constructor: { name: string } }) => {
      const out = await send(command);
      if (!READS.has(command.constructor.name)) writes++;
      return out;
    },
  });
  return { client: spy, writes: () => writes };
}

export const ERROR_CODES = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unavailable',
  'internal',
];

/** The documented error body: `{ error: { code, message, field? } }` and nothing else, no stack. */
export function expectErrorShape(text: string): void {
  const body = JSON.parse(text) as { error?: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  const error = body.error as Record<string, unknown>;
  expect(ERROR_CODES).toContain(error.code);
  expect(error.message).toEqual(expect.any(String));
  expect((error.message as string).length).toBeGreaterThan(0);
  if ('field' in error) expect(error.field).toEqual(expect.any(String));
  // Bad input names the field at fault (the product's rule for every 400).
  if (error.code === 'invalid_request')
    expect(error.field, error.message as string).toEqual(expect.any(String));
  expect(Object.keys(error).every((key) => ['code', 'message', 'field'].includes(key))).toBe(true);
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

/** No request may leave properties on `Object.prototype` (a `__proto__` key merged as a property). */
export function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}
