import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlagValues } from './values.js';

const entry = fc.oneof(
  fc.record({ value: fc.integer({ min: 0, max: 3 }), variationIndex: fc.constant(0), version: fc.nat(5) }),
  fc.record({ deleted: fc.constant(true), version: fc.nat(5) }),
);
const push = fc.dictionary(fc.constantFrom('a', 'b', 'c'), entry, { maxKeys: 3 });

describe('FlagValues', () => {
  it('holds, per flag, the last of the entries with the highest version, whatever the order of pushes', () => {
    fc.assert(
      fc.property(fc.array(push, { maxLength: 30 }), (pushes) => {
        const values = new FlagValues();
        const shown: Record<string, unknown> = {};
        for (const raw of pushes) {
          for (const change of values.merge(raw)) shown[change.key] = change.current;
        }
        for (const key of ['a', 'b', 'c']) {
          const entries = pushes.flatMap((raw) => (raw[key] ? [raw[key]] : []));
          const top = Math.max(...entries.map((e) => e.version));
          const winner = entries.filter((e) => e.version === top).at(-1);
          const expected = winner && 'value' in winner ? winner.value : undefined;
          expect(values.get(key)?.value).toBe(expected);
          // Replaying the change events gives the same value: no change is lost or invented.
          expect(shown[key]).toBe(expected);
        }
      }),
    );
  });

  it('of the entries with the highest version holds the last of those from the latest state', () => {
    const dated = fc.record({ stateAt: fc.nat(4), values: push });
    fc.assert(
      fc.property(fc.array(dated, { maxLength: 30 }), (pushes) => {
        const values = new FlagValues();
        for (const { values: raw, stateAt } of pushes) values.merge(raw, stateAt);
        for (const key of ['a', 'b', 'c']) {
          const entries = pushes.flatMap(({ values: raw, stateAt }) =>
            raw[key] ? [{ ...raw[key], stateAt }] : [],
          );
          const top = Math.max(...entries.map((e) => e.version));
          const highest = entries.filter((e) => e.version === top);
          const latest = Math.max(...highest.map((e) => e.stateAt));
          const winner = highest.filter((e) => e.stateAt === latest).at(-1);
          expect(values.get(key)?.value).toBe(winner && 'value' in winner ? winner.value : undefined);
        }
      }),
    );
  });
});
