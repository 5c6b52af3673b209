import { describe, expect, it } from 'vitest';
import { InvalidFilterPatternError, matchesAnyPattern, matchesPattern } from './filter-pattern.js';

const record = {
  eventName: 'MODIFY',
  dynamodb: {
    Keys: { pk: { S: 'ENV#demo#production' }, sk: { S: 'FLAG#new-checkout' } },
    NewImage: { version: { N: '7' }, tags: { L: [] } },
  },
  data: { kind: 'summary', count: 12, labels: ['a', 'b'] },
};

describe('matchesPattern', () => {
  describe.each([
    ['an exact value', { eventName: ['MODIFY'] }, true],
    ['one of several exact values', { eventName: ['INSERT', 'MODIFY'] }, true],
    ['a different exact value', { eventName: ['REMOVE'] }, false],
    ['a prefix', { dynamodb: { Keys: { pk: { S: [{ prefix: 'ENV#' }] } } } }, true],
    ['a prefix that differs', { dynamodb: { Keys: { pk: { S: [{ prefix: 'PROJECT#' }] } } } }, false],
    ['a suffix', { dynamodb: { Keys: { pk: { S: [{ suffix: '#production' }] } } } }, true],
    ['equals-ignore-case', { eventName: [{ 'equals-ignore-case': 'modify' }] }, true],
    ['anything-but a value', { eventName: [{ 'anything-but': 'REMOVE' }] }, true],
    ['anything-but a list that holds it', { eventName: [{ 'anything-but': ['MODIFY', 'REMOVE'] }] }, false],
    [
      'anything-but a prefix',
      { dynamodb: { Keys: { sk: { S: [{ 'anything-but': { prefix: 'FLAG#' } }] } } } },
      false,
    ],
    ['exists: true on a present field', { dynamodb: { NewImage: { version: [{ exists: true }] } } }, true],
    ['exists: false on a present field', { dynamodb: { NewImage: { version: [{ exists: false }] } } }, false],
    ['exists: false on a missing field', { dynamodb: { OldImage: [{ exists: false }] } }, true],
    [
      'a numeric range on a DynamoDB number',
      { dynamodb: { NewImage: { version: { N: [{ numeric: ['>', 5, '<=', 7] }] } } } },
      true,
    ],
    ['a numeric range that excludes it', { data: { count: [{ numeric: ['<', 10] }] } }, false],
    ['a value inside an array field', { data: { labels: ['b'] } }, true],
    ['a field that is missing', { data: { missing: ['x'] } }, false],
    ['$or alternatives', { $or: [{ eventName: ['REMOVE'] }, { data: { kind: ['summary'] } }] }, true],
    ['a nested pattern where the record has a scalar', { eventName: { S: ['MODIFY'] } }, false],
  ])('with %s', (_name, pattern, expected) => {
    it(`${expected ? 'matches' : 'does not match'}`, () => {
      expect(matchesPattern(record, pattern)).toBe(expected);
    });
  });

  it('rejects a leaf that is neither an array nor a pattern', () => {
    expect(() => matchesPattern(record, { eventName: 'MODIFY' })).toThrow(InvalidFilterPatternError);
  });
});

describe('matchesAnyPattern', () => {
  it('passes every record when there are no patterns', () => {
    expect(matchesAnyPattern(record, undefined)).toBe(true);
    expect(matchesAnyPattern(record, [])).toBe(true);
  });

  it('passes a record that any one pattern matches', () => {
    expect(matchesAnyPattern(record, [{ eventName: ['REMOVE'] }, { eventName: ['MODIFY'] }])).toBe(true);
    expect(matchesAnyPattern(record, [{ eventName: ['REMOVE'] }])).toBe(false);
  });
});
