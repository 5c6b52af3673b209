import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  looseObject,
  object,
  objectWithRest,
  parseContext,
  parseWith,
  record,
  strictObject,
} from '@switchboard/core/schema';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createEnvironmentSchema, createFlagSchema, rotateKeysSchema } from './schemas.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function failure(parse: () => unknown): { field: string; message: string } {
  try {
    parse();
  } catch (error) {
    return error as { field: string; message: string };
  }
  throw new Error('expected a ValidationError');
}

// valibot alone takes an array for an object: `[]` passed as `{}` wherever every field is optional.
describe('object and record schemas', () => {
  it.each([
    ['object', object({ a: v.optional(v.string()) })],
    ['strictObject', strictObject({ a: v.optional(v.string()) })],
    ['looseObject', looseObject({ a: v.optional(v.string()) })],
    ['objectWithRest', objectWithRest({}, v.string())],
    ['record', record(v.string(), v.string())],
  ])('%s refuses an array as the wrong type, and takes an object', (_name, schema) => {
    expect(failure(() => parseWith(schema, [], 'body'))).toMatchObject({ field: 'body' });
    expect(failure(() => parseWith(schema, [], 'body')).message).toMatch(
      /^body: Invalid input: expected (object|record), received array$/,
    );
    expect(parseWith(schema, {})).toEqual({});
  });

  it.each([
    ['rotate keys', () => parseWith(rotateKeysSchema, []), ''],
    [
      'a flag whose client-side availability is an array',
      () => parseWith(createFlagSchema, { key: 'f', name: 'F', clientSideAvailability: [] }),
      'clientSideAvailability',
    ],
    ['a context', () => parseContext([]), ''],
    ['a multi-context member', () => parseContext({ kind: 'multi', user: [] }), 'user'],
  ])('the API refuses an array for %s', (_name, parse, field) => {
    expect(failure(parse).field).toBe(field);
  });

  it('are built with the wrappers everywhere (no `v.object(` and kin outside the core schema)', () => {
    const sources = ['lambdas', 'packages/core/src'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
        .map((file) => join(root, dir, file)),
    );
    const offenders = sources
      .filter((file) => !file.endsWith(join('packages', 'core', 'src', 'schema.ts')))
      .filter((file) =>
        /\bv\.(object|strictObject|looseObject|objectWithRest|record)\(/.test(readFileSync(file, 'utf8')),
      )
      .map((file) => relative(root, file));
    expect(sources.length).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });
});

// Found by exploratory testing: tags took NUL and repeats, and a colour without `#` was stored as
// given, which the dashboard could not show.
describe('normalised fields', () => {
  const flag = (tags: string[]) => parseWith(createFlagSchema, { key: 'f', name: 'F', tags });

  it('keeps each tag once, in the order first given', () => {
    expect(flag(['b', 'a', 'b', 'a']).tags).toEqual(['b', 'a']);
  });

  it.each(['a\u0000b', 'two\nlines', '\u0085'])(
    'refuses a tag with a control character (%j), naming it',
    (tag) => {
      expect(failure(() => flag(['ok', tag])).field).toBe('tags[1]');
    },
  );

  it.each([
    ['abcdef', '#abcdef'],
    ['#3366FF', '#3366FF'],
  ])('stores the colour %s as %s', (color, stored) => {
    expect(parseWith(createEnvironmentSchema, { key: 'qa', name: 'QA', color }).color).toBe(stored);
  });
});
