import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors.js';
import { applyJsonPatch, pointerToField } from './json-patch.js';
import { parsePatchRequest } from './patch-request.js';

describe('pointerToField', () => {
  it.each([
    ['/environments/production/rules/1/rollout', 'environments.production.rules[1].rollout'],
    ['/name', 'name'],
    ['/a~1b/~0c', 'a/b.~c'],
  ])('%s → %s', (pointer, field) => {
    expect(pointerToField(pointer)).toBe(field);
  });
});

describe('applyJsonPatch', () => {
  const doc = { name: 'a', rules: [{ id: 'r1' }] };

  it('applies operations to a copy', () => {
    const out = applyJsonPatch(doc, [
      { op: 'replace', path: '/name', value: 'b' },
      { op: 'add', path: '/rules/-', value: { id: 'r2' } },
    ]);
    expect(out).toEqual({ name: 'b', rules: [{ id: 'r1' }, { id: 'r2' }] });
    expect(doc.name).toBe('a');
  });

  // Found by test/integration/fuzz.http.test.ts: the replaced document failed validation as a
  // whole, a 400 that named no field.
  it.each(['add', 'replace', 'remove'] as const)(
    'refuses to %s the whole document, naming the operation',
    (op) => {
      expect(() => applyJsonPatch(doc, [{ op, path: '', value: '' }])).toThrow(
        expect.objectContaining({ name: 'ValidationError', field: 'patch[0].path' }),
      );
    },
  );

  it('names the field of an unresolvable path', () => {
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/rules/4/id', value: 'x' }])).toThrow(
      expect.objectContaining({ field: 'rules[4].id' }),
    );
  });

  it('says what failed in one sentence, without echoing the document', () => {
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/rules/4/id', value: 'x' }])).toThrow(
      expect.objectContaining({
        message: 'patch[0]: Cannot perform the operation at a path that does not exist ("/rules/4/id")',
      }),
    );
  });

  // Found by exploratory testing: the library threw a TypeError for it, which answered 500.
  it.each([
    ['/rules', '/rules/0'],
    ['/rules/0', '/rules/0/id'],
  ])('refuses to move %s into its own child %s, naming the operation', (from, path) => {
    expect(() =>
      applyJsonPatch(doc, [
        { op: 'replace', path: '/name', value: 'b' },
        { op: 'move', from, path },
      ]),
    ).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'patch[1].path' }));
  });

  it('moves a value next to itself: only a proper prefix is refused', () => {
    expect(applyJsonPatch(doc, [{ op: 'move', from: '/name', path: '/name2' }])).toEqual({
      name2: 'a',
      rules: [{ id: 'r1' }],
    });
  });

  it('treats a failed test operation as a conflict', () => {
    expect(() => applyJsonPatch(doc, [{ op: 'test', path: '/name', value: 'z' }])).toThrow(ConflictError);
  });

  it.each(['/__proto__/polluted', '/rules/__proto__'])(
    'refuses prototype pollution through %s as a bad request naming the operation',
    (path) => {
      expect(() =>
        applyJsonPatch(doc, [
          { op: 'replace', path: '/name', value: 'b' },
          { op: 'add', path, value: true },
        ]),
      ).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'patch[1].path' }));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('refuses a constructor/prototype path as one that does not exist', () => {
    expect(() =>
      applyJsonPatch(doc, [{ op: 'add', path: '/constructor/prototype/polluted', value: true }]),
    ).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'constructor.prototype.polluted' }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [{ op: 'remove', path: '/nope' } as const, 'nope'],
    [{ op: 'replace', path: '/rules/7', value: 1 } as const, 'rules[7]'],
    [{ op: 'move', from: '/nope', path: '/name' } as const, 'nope'],
    [{ op: 'copy', from: '/rules/3', path: '/name' } as const, 'rules[3]'],
  ])('names the failing operation, not the first: %o', (operation, field) => {
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/name', value: 'b' }, operation])).toThrow(
      expect.objectContaining({ field, message: expect.stringMatching(/^patch\[1\]: /) }),
    );
  });
});

describe('parsePatchRequest', () => {
  it.each([
    [[{ op: 'remove', path: '/a' }], 'patch'],
    [{ comment: 'c', patch: [{ op: 'remove', path: '/a' }] }, 'patch'],
    [{ comment: 'c', instructions: [{ kind: 'turnFlagOn' }] }, 'instructions'],
  ])('recognises %j as %s', (body, kind) => {
    expect(parsePatchRequest(body).kind).toBe(kind);
  });

  it.each<[unknown, string]>([
    [[{ op: 'explode', path: '/a' }], 'patch[0].op'],
    [{ instructions: [] }, 'instructions'],
    [{ instructions: [{ kind: 'x' }], extra: 1 }, 'extra'],
    ['text', 'instructions'],
  ])('rejects %j naming %s', (body, field) => {
    expect(() => parsePatchRequest(body)).toThrow(expect.objectContaining({ field }));
    expect(() => parsePatchRequest(body)).toThrow(ValidationError);
  });
});
