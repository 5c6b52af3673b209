import { describe, expect, it } from 'vitest';
import { parseAttributeReference, readAttribute } from './attribute-reference.js';

describe.each([
  ['name', false, ['name']],
  ['/name', false, ['name']],
  ['/a/b/c', false, ['a', 'b', 'c']],
  ['/a~1b', false, ['a/b']],
  ['/a~0b', false, ['a~b']],
  ['/~1a', false, ['/a']],
  ['/~0~1', false, ['~/']],
  ['attr/a', false, ['attr/a']],
  ['attr~a', false, ['attr~a']],
  ['/attr/a', true, ['/attr/a']],
  ['/a~b', true, ['/a~b']],
])('parseAttributeReference(%j, literal: %s)', (ref, literal, path) => {
  it(`is the path ${JSON.stringify(path)}`, () => {
    expect(parseAttributeReference(ref, literal)).toMatchObject({ valid: true, path });
  });
});

describe.each([
  ['', false],
  ['', true],
  ['/', false],
  ['//', false],
  ['///', false],
  ['/a//b', false],
  ['/a/', false],
  ['/a~b', false],
  ['/a~', false],
  ['/~', false],
  [42, false],
  [undefined, true],
])('parseAttributeReference(%j, literal: %s)', (ref, literal) => {
  it('is invalid', () => {
    expect(parseAttributeReference(ref, literal).valid).toBe(false);
  });
});

describe('readAttribute', () => {
  const context = {
    kind: 'user',
    key: 'k',
    address: { city: 'Wellington', 'a/b': 1 },
    list: ['x', 'y'],
    empty: null,
    _meta: { privateAttributes: ['x'] },
  };
  it.each([
    ['/address/city', 'Wellington'],
    ['/address/a~1b', 1],
    ['/address/zip', undefined],
    ['/key/length', undefined],
    ['/list/0', undefined],
    ['/empty', undefined],
    ['/anonymous', false],
    ['/toString', undefined],
    ['/address/toString', undefined],
    ['/_meta', undefined],
    ['/_meta/privateAttributes', undefined],
  ])('reads %s as %j', (ref, expected) => {
    expect(readAttribute(context, parseAttributeReference(ref, false))).toEqual(expected);
  });

  it('reads a missing or null `anonymous` as false, and any other value as it is', () => {
    const anonymous = parseAttributeReference('anonymous', true);
    expect(readAttribute({ key: 'k', anonymous: null }, anonymous)).toBe(false);
    expect(readAttribute({ key: 'k', anonymous: true }, anonymous)).toBe(true);
    expect(readAttribute({ key: 'k', anonymous: 'yes' }, anonymous)).toBe('yes');
  });

  it('reads an own property named like an Object.prototype member', () => {
    expect(readAttribute({ toString: 'mine' }, parseAttributeReference('toString', true))).toBe('mine');
  });

  it('marks `kind` as the kinds reference', () => {
    expect(parseAttributeReference('kind', true).isKind).toBe(true);
    expect(parseAttributeReference('/kind', false).isKind).toBe(true);
    expect(parseAttributeReference('/kind/x', false).isKind).toBe(false);
  });
});
