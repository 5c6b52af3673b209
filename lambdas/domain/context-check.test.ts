import { contextIssue } from '@switchboard/core';
import { contextSchema, parseContext, ValidationError } from '@switchboard/core/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSchemaOf, schemaArbitrary } from '../../test/helpers/fuzz.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';

/** What `parseContext` reports first, in `contextIssue`'s terms. */
function schemaIssue(json: unknown) {
  try {
    parseContext(json);
    return undefined;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues[0];
  }
}

describe('contextIssue', () => {
  it.each([
    [{ kind: 'user', key: 'u1', name: 'Ada', anonymous: false, _meta: { privateAttributes: ['email'] } }],
    [{ kind: 'multi', user: { key: 'u1' }, org: { key: 'o1', plan: 'pro', nested: { a: [1, null] } } }],
    [{ key: 'u1', email: 'a@example.com', custom: { plan: 'pro', none: null } }],
    [{ kind: 'user', key: 'u1', name: null }],
  ])('accepts %j', (context) => {
    expect(contextIssue(context)).toBeUndefined();
  });

  it.each([
    ['x', '', 'Invalid input: expected object, received string'],
    [{ kind: 'user', key: '' }, 'key', 'Too small: expected string to have >=1 characters'],
    [{ kind: 'kind', key: 'a' }, 'kind', 'must match ^[\\w.-]+$ and not be "kind" or "multi"'],
    [
      { kind: 'user', key: 'a', _meta: { privateAttributes: ['a', 2] } },
      '_meta.privateAttributes[1]',
      'Invalid input: expected string, received number',
    ],
    [{ kind: 'multi' }, '', 'a multi-kind context needs at least one kind'],
    [
      { kind: 'multi', org: { key: '' }, 'a b': { key: 'x' } },
      'org.key',
      'Too small: expected string to have >=1 characters',
    ],
    [{ kind: 'multi', 'a b': { key: 'x' } }, 'a b', 'invalid context kind'],
    [{ key: 'a', custom: [] }, 'custom', 'Invalid input: expected record, received array'],
  ])('reports %j at %s', (context, field, message) => {
    expect(contextIssue(context)).toEqual({ field, message });
  });

  it('reports what parseContext reports first, on contexts generated from its schema', () => {
    const { schema, resolve } = jsonSchemaOf(contextSchema);
    const contexts = schemaArbitrary(schema, { resolve, hostility: 1 });
    let rejected = 0;
    fc.assert(
      // Through JSON, as a context arrives from the wire, where deeper ones are refused before.
      fc.property(contexts, (generated) => {
        const json = JSON.stringify(generated) ?? 'null';
        fc.pre(!nestsDeeperThan(json, MAX_JSON_DEPTH));
        const context = JSON.parse(json) as unknown;
        const expected = schemaIssue(context);
        if (expected) rejected++;
        expect(contextIssue(context)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
    // Both verdicts must have been compared, not only one.
    expect(rejected).toBeGreaterThan(200);
    expect(rejected).toBeLessThan(1_800);
    // 2,000 generated contexts take 2–3 s on a quiet 2-core machine and over 5 s on a loaded one.
  }, 30_000);
});
