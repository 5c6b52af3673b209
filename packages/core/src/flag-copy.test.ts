import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CopyAction,
  copiedConfig,
  copyActionFields,
  copyActions,
  differingCopyActions,
} from './flag-copy.js';
import { jsonEqual } from './json-equal.js';

const copiedFields = copyActions.flatMap((action) => copyActionFields[action]);

/** A configuration in one environment: any of the copied fields (some absent), plus fields a copy never touches. */
const config = fc.record(
  {
    on: fc.boolean(),
    offVariation: fc.nat(3),
    targets: fc.array(fc.record({ variation: fc.nat(3), values: fc.array(fc.string(), { maxLength: 2 }) }), {
      maxLength: 2,
    }),
    contextTargets: fc.array(
      fc.record({ variation: fc.nat(3), contextKind: fc.constantFrom('user', 'org') }),
      {
        maxLength: 2,
      },
    ),
    rules: fc.array(fc.record({ id: fc.uuid(), variation: fc.nat(3) }), { maxLength: 2 }),
    fallthrough: fc.record({ variation: fc.nat(3) }),
    prerequisites: fc.array(fc.record({ key: fc.string(), variation: fc.nat(3) }), { maxLength: 2 }),
    salt: fc.string(),
    trackEvents: fc.boolean(),
    version: fc.nat(),
  },
  { requiredKeys: ['salt', 'trackEvents', 'version'] },
);
const actions = fc.subarray(copyActions);

describe('copiedConfig', () => {
  it("takes the chosen parts' fields from the source and keeps everything else the target's", () => {
    fc.assert(
      fc.property(config, config, actions, (source, target, chosen) => {
        const copy = copiedConfig(source, target, chosen);
        const taken = new Set<string>(chosen.flatMap((action) => copyActionFields[action]));
        for (const key of new Set([...Object.keys(source), ...Object.keys(target)])) {
          const from = taken.has(key) ? source : target;
          expect(copy[key as keyof typeof copy], key).toEqual(from[key as keyof typeof from]);
          expect(key in copy, key).toBe(key in from);
        }
      }),
    );
  });

  it('leaves the target unchanged', () => {
    const target: Record<string, unknown> = {
      on: false,
      rules: [{ id: 'r', variation: 1 }],
      salt: 's',
      version: 3,
    };
    const before = structuredClone(target);
    copiedConfig({ on: true, salt: 't', version: 9 }, target, copyActions);
    expect(target).toEqual(before);
  });

  it('carries salt, event tracking and version with no part', () => {
    expect(copiedFields).not.toContain('salt');
    expect(copiedFields).not.toContain('trackEvents');
    expect(copiedFields).not.toContain('version');
  });
});

describe('differingCopyActions', () => {
  it('names exactly the parts a copy of every part would change', () => {
    fc.assert(
      fc.property(config, config, (source, target) => {
        const differing = differingCopyActions(source, target);
        for (const action of copyActions) {
          const changes = !jsonEqual(copiedConfig(source, target, [action]), target);
          expect(differing.includes(action), action).toBe(changes);
        }
        expect(differingCopyActions(source, copiedConfig(source, target, differing))).toEqual([]);
      }),
    );
  });

  it('treats an absent field and null alike', () => {
    expect(differingCopyActions({ offVariation: null }, {})).toEqual([]);
    expect(differingCopyActions({ offVariation: 0 }, {})).toEqual<CopyAction[]>(['updateOffVariation']);
  });
});
