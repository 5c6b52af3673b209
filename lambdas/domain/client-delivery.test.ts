import { createEvaluator, type FlagState } from '@switchboard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clientSide,
  evaluationFlag,
  evaluationSegment,
  type Item,
  serverOnly,
} from '../../test/helpers/evaluation-items.js';
import {
  affectedFlags,
  answerDigest,
  ClientDelta,
  changesOfBatch,
  clientBatch,
  type EnvironmentItems,
  heldAfter,
  statesAround,
  type ValuesEntry,
  valuesFrames,
} from './client-delivery.js';
import { groupByEnvironment, type ItemChange } from './delivery.js';

const flag = evaluationFlag;
const segment = evaluationSegment;
const inSegment = (id: string, key: string) => ({
  id,
  clauses: [{ attribute: 'key', op: 'segmentMatch', values: [key], negate: false }],
  variation: 1,
});
const items = (flags: Item[], segments: Item[] = []): EnvironmentItems => ({
  flags: new Map(flags.map((f) => [f.key as string, f])),
  segments: new Map(segments.map((s) => [s.key as string, s])),
});
/** When the fan-out's read of the environment began, as `ClientDelta.of` is told. */
const READ_AT = 1_765_000_000_000;
let sequence = 0;
const change = (kind: 'flag' | 'segment', previous: Item | undefined, data: Item | undefined): ItemChange => {
  const key = (data ?? previous)?.key as string;
  const version = data ? (data.version as number) : ((previous?.version as number) ?? 0) + 1;
  return { project: 'p', env: 'e', kind, key, version, data, previous, sequence: String(++sequence) };
};

const ada = { kind: 'user', key: 'ada' };
const bob = { kind: 'user', key: 'bob' };

describe('affectedFlags', () => {
  it('follows segments (also through other segments) and prerequisites, transitively', () => {
    const state = items(
      [
        flag('uses-inner', 1, { rules: [inSegment('r', 'inner')] }),
        flag('uses-outer', 1, { rules: [inSegment('r', 'outer')] }),
        flag('needs-outer-flag', 1, { prerequisites: [{ key: 'uses-outer', variation: 1 }] }),
        flag('unrelated', 1),
        flag('server-only', 1, { rules: [inSegment('r', 'inner')], clientSideAvailability: serverOnly }),
      ],
      [segment('inner', 1, []), segment('outer', 1, [], { rules: [inSegment('r', 'inner')] })],
    );
    const inner = state.segments.get('inner') as Item;
    expect(affectedFlags([state], [change('segment', inner, { ...inner, version: 2 })])).toEqual([
      'needs-outer-flag',
      'uses-inner',
      'uses-outer',
    ]);
  });

  it('counts a flag that stopped using the changed segment, from the state before', () => {
    const before = items([flag('a', 1, { rules: [inSegment('r', 's')] })], [segment('s', 1, [])]);
    const after = items([flag('a', 2)], [segment('s', 2, ['ada'])]);
    const s = before.segments.get('s') as Item;
    expect(affectedFlags([before, after], [change('segment', s, after.segments.get('s'))])).toEqual(['a']);
  });
});

describe('statesAround', () => {
  it('puts each batch item back as it was before the batch, and keeps the rest as read', () => {
    const v1 = flag('a', 1);
    const current = items([flag('a', 3), flag('b', 7)]);
    const coalesced = groupByEnvironment([
      change('flag', v1, flag('a', 2)),
      change('flag', flag('a', 2), flag('a', 3)),
    ])[0]?.changes as ItemChange[];
    const { before, after } = statesAround(current, coalesced);
    expect(before.flags.get('a')).toBe(v1);
    expect(after.flags.get('a')?.version).toBe(3);
    expect(before.flags.get('b')).toBe(after.flags.get('b'));
  });

  it('uses the batch’s newest item when the read does not show it yet, and buries deleted flags', () => {
    const created = flag('new', 1);
    const deleted = flag('old', 4);
    const { before, after, tombstones } = statesAround(items([deleted]), [
      change('flag', undefined, created),
      change('flag', deleted, undefined),
    ]);
    expect(after.flags.get('new')).toBe(created);
    expect(before.flags.has('new')).toBe(false);
    expect(after.flags.has('old')).toBe(false);
    expect(tombstones.get('old')).toBe(5);
  });
});

describe('ClientDelta.valuesFor', () => {
  const s1 = segment('beta', 1, ['ada']);
  const s2 = segment('beta', 2, ['ada', 'bob']);
  const beta = flag('beta-ui', 5, { rules: [inSegment('r1', 'beta')] });
  const hidden = flag('hidden', 2, { rules: [inSegment('r1', 'beta')], clientSideAvailability: serverOnly });

  it('sends a context only the flags whose result changed, with their new result', () => {
    const delta = ClientDelta.of(items([beta, hidden], [s2]), [change('segment', s1, s2)], READ_AT);
    expect(delta.valuesFor(bob)).toEqual({
      'beta-ui': {
        value: true,
        variationIndex: 1,
        version: 5,
        reason: { kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'r1' },
      },
    });
    expect(delta.valuesFor(ada)).toEqual({});
  });

  it('sends every affected flag in `all` mode, never a server-only one', () => {
    const delta = ClientDelta.of(items([beta, hidden], [s2]), [change('segment', s1, s2)], READ_AT);
    expect(Object.keys(delta.valuesFor(ada, 'all'))).toEqual(['beta-ui']);
  });

  it('marks a deleted flag, and one no longer available to client SDKs, as deleted', () => {
    const toServer = flag('to-server', 3);
    const delta = ClientDelta.of(
      items([{ ...toServer, version: 4, clientSideAvailability: serverOnly }]),
      [
        change('flag', beta, undefined),
        change('flag', toServer, { ...toServer, version: 4, clientSideAvailability: serverOnly }),
      ],
      READ_AT,
    );
    expect(delta.valuesFor(ada)).toEqual({
      'beta-ui': { deleted: true, version: 6 },
      'to-server': { deleted: true, version: 4 },
    });
  });

  it('never mentions a server-only flag that is deleted', () => {
    const delta = ClientDelta.of(items([]), [change('flag', hidden, undefined)], READ_AT);
    expect(delta.valuesFor(ada)).toEqual({});
  });
});

describe('worker batches', () => {
  const before = flag('a', 1);
  const after = flag('a', 2, { on: false });
  const changes = [change('flag', before, after)];

  it('carries the items before the batch when they fit, and gives the same result', () => {
    const batch = clientBatch(changes, 123, 10_000);
    expect(batch).toMatchObject({ complete: true, uncertainSince: 123 });
    const current = items([after]);
    const fromTask = ClientDelta.of(current, changesOfBatch(batch, current), READ_AT);
    expect(fromTask.valuesFor(ada)).toEqual(ClientDelta.of(current, changes, READ_AT).valuesFor(ada));
  });

  it('keeps only whether a flag was client-side when the items do not fit', () => {
    const batch = clientBatch([change('flag', before, undefined)], undefined, 50);
    expect(batch.complete).toBe(false);
    const current = items([]);
    expect(ClientDelta.of(current, changesOfBatch(batch, current), READ_AT).valuesFor(ada, 'all')).toEqual({
      a: { deleted: true, version: 2 },
    });
  });
});

describe('valuesFrames', () => {
  const state = (value: string): FlagState => ({
    value,
    variationIndex: 0,
    version: 1,
    reason: { kind: 'FALLTHROUGH' },
  });

  it('is empty when there is nothing to send', () => {
    expect(valuesFrames(1, {}, READ_AT)).toEqual([]);
  });

  it('splits a push over messages within the limit, each with the id, the state time and `partial`', () => {
    const values = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`f${i}`, state('x'.repeat(100))]),
    );
    const frames = valuesFrames(7, values, READ_AT, 400);
    expect(frames.length).toBeGreaterThan(1);
    const merged: Record<string, ValuesEntry> = {};
    for (const frame of frames) {
      expect(new TextEncoder().encode(frame).length).toBeLessThanOrEqual(400);
      const message = JSON.parse(frame);
      expect(message).toMatchObject({ type: 'values', id: 7, partial: true, stateAt: READ_AT });
      Object.assign(merged, message.values);
    }
    expect(merged).toEqual(values);
  });
});

/**
 * The property: a context identified before a batch, sent what the fan-out computes for the batch,
 * holds exactly a fresh evaluation of all client-side flags after it; each pushed entry is a real
 * change; nothing is pushed where nothing changed; server-only flags never appear.
 */
describe('per-context re-evaluation (property)', () => {
  const USERS = ['u0', 'u1', 'u2', 'u3', 'u4'];
  const FLAGS = ['f0', 'f1', 'f2', 'f3'];
  const SEGMENTS = ['s0', 's1'];

  const clause = fc.oneof(
    fc.record({
      attribute: fc.constant('key'),
      op: fc.constant('segmentMatch'),
      values: fc.subarray(SEGMENTS, { minLength: 1 }),
      negate: fc.boolean(),
    }),
    fc.record({
      attribute: fc.constant('key'),
      op: fc.constant('in'),
      values: fc.subarray(USERS, { minLength: 1 }),
      negate: fc.boolean(),
    }),
    fc.record({
      attribute: fc.constant('plan'),
      op: fc.constant('in'),
      values: fc.subarray(['free', 'pro'], { minLength: 1 }),
      negate: fc.constant(false),
    }),
  );
  const flagBody = (index: number) =>
    fc.record({
      on: fc.boolean(),
      offVariation: fc.integer({ min: 0, max: 2 }),
      fallthrough: fc.record({ variation: fc.integer({ min: 0, max: 2 }) }),
      rules: fc.array(
        fc.record({
          clauses: fc.array(clause, { minLength: 1, maxLength: 2 }),
          variation: fc.integer({ min: 0, max: 2 }),
        }),
        { maxLength: 2 },
      ),
      // Prerequisites on earlier flags only: the evaluator handles cycles, but they are not the point.
      prerequisites: fc
        .subarray(FLAGS.slice(0, index))
        .chain((keys) =>
          fc.tuple(
            ...keys.map((key) =>
              fc.record({ key: fc.constant(key), variation: fc.integer({ min: 0, max: 2 }) }),
            ),
          ),
        ),
      clientSide: fc.boolean(),
    });
  const segmentBody = fc.record({
    included: fc.subarray(USERS),
    excluded: fc.subarray(USERS, { maxLength: 1 }),
    usesOther: fc.boolean(),
  });

  type FlagBody = ReturnType<typeof flagBody> extends fc.Arbitrary<infer T> ? T : never;
  type SegmentBody = typeof segmentBody extends fc.Arbitrary<infer T> ? T : never;

  const toFlag = (key: string, version: number, body: FlagBody): Item =>
    flag(key, version, {
      on: body.on,
      variations: ['a', 'b', 'c'],
      offVariation: body.offVariation,
      fallthrough: body.fallthrough,
      rules: body.rules.map((rule, i) => ({ id: `r${i}`, ...rule })),
      prerequisites: body.prerequisites,
      clientSideAvailability: body.clientSide ? clientSide : serverOnly,
    });
  const toSegment = (key: string, version: number, body: SegmentBody): Item =>
    segment(key, version, body.included, {
      excluded: body.excluded,
      // s1 may include everyone in s0: a segment change reaching flags through another segment.
      rules: key === 's1' && body.usesOther ? [inSegment('sr', 's0')] : [],
    });

  // One edit: the item's new body, or its deletion (undefined).
  const edit = fc.oneof(
    fc.record({
      kind: fc.constant('flag' as const),
      index: fc.integer({ min: 0, max: FLAGS.length - 1 }),
      body: fc.option(fc.integer({ min: 0, max: FLAGS.length - 1 }).chain(flagBody), { freq: 5 }),
    }),
    fc.record({
      kind: fc.constant('segment' as const),
      index: fc.integer({ min: 0, max: SEGMENTS.length - 1 }),
      body: fc.option(segmentBody, { freq: 5 }),
    }),
  );

  type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

  /** Applies `edits` to the initial items, as the control plane would: records with old images. */
  function replay(
    flagBodies: readonly (FlagBody | null)[],
    segmentBodies: readonly (SegmentBody | null)[],
    edits: readonly Edit[],
  ) {
    const state = {
      flags: new Map<string, Item>(),
      segments: new Map<string, Item>(),
    };
    const versions = new Map<string, number>();
    flagBodies.forEach((body, i) => {
      const key = FLAGS[i] as string;
      versions.set(`flag#${key}`, 1);
      if (body) state.flags.set(key, toFlag(key, 1, body));
    });
    segmentBodies.forEach((body, i) => {
      const key = SEGMENTS[i] as string;
      versions.set(`segment#${key}`, 1);
      if (body) state.segments.set(key, toSegment(key, 1, body));
    });
    const initial: EnvironmentItems = {
      flags: new Map(state.flags),
      segments: new Map(state.segments),
    };

    const records: ItemChange[] = [];
    for (const { kind, index, body } of edits) {
      const key = (kind === 'flag' ? FLAGS : SEGMENTS)[index] as string;
      const map = kind === 'flag' ? state.flags : state.segments;
      const previous = map.get(key);
      const version = (versions.get(`${kind}#${key}`) as number) + 1;
      versions.set(`${kind}#${key}`, version);
      if (body === null && previous === undefined) continue;
      const data =
        body === null
          ? undefined
          : kind === 'flag'
            ? toFlag(key, version, body as FlagBody)
            : toSegment(key, version, body as SegmentBody);
      if (data) map.set(key, data);
      else map.delete(key);
      records.push({
        project: 'p',
        env: 'e',
        kind,
        key,
        version,
        data,
        previous,
        sequence: String(records.length),
      });
    }
    return { initial, state, records };
  }

  it('keeps a browser right over two batches whose fan-outs both read the state after both', () => {
    fc.assert(
      fc.property(
        fc.tuple(...FLAGS.map((_, i) => fc.option(flagBody(i), { freq: 6 }))),
        fc.tuple(...SEGMENTS.map(() => fc.option(segmentBody, { freq: 6 }))),
        fc.array(edit, { minLength: 2, maxLength: 6 }),
        fc.nat(),
        fc.record({ key: fc.constantFrom(...USERS), plan: fc.constantFrom('free', 'pro') }),
        (flagBodies, segmentBodies, edits, cut, user) => {
          const { initial, state, records } = replay(flagBodies, segmentBodies, edits);
          const split = 1 + (cut % Math.max(1, records.length - 1));
          const context = { kind: 'user', ...user };
          const evaluate = (items: EnvironmentItems) =>
            createEvaluator({
              flags: Object.fromEntries(items.flags),
              segments: Object.fromEntries(items.segments),
            }).evaluateAll(context, { clientSideOnly: true, withReasons: true });
          // The browser: identified before both batches; what it holds is recorded after each push.
          const shown: Record<string, FlagState> = evaluate(initial);
          let held = answerDigest(shown);
          for (const batch of [records.slice(0, split), records.slice(split)]) {
            const [group] = groupByEnvironment(batch);
            if (!group) continue;
            const values = ClientDelta.of(state, group.changes, READ_AT).valuesFor(context, { answer: held });
            for (const [key, entry] of Object.entries(values)) {
              if ('deleted' in entry) delete shown[key];
              else shown[key] = entry;
            }
            held = heldAfter(held, values);
          }
          const result = (values: Record<string, FlagState>) =>
            Object.fromEntries(
              Object.entries(values).map(([key, s]) => [key, [s.value, s.variationIndex, s.reason?.kind]]),
            );
          expect(result(shown)).toEqual(result(evaluate(state)));
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('pushes exactly the changed results, for random flags, segments, contexts and batches', () => {
    fc.assert(
      fc.property(
        fc.tuple(...FLAGS.map((_, i) => fc.option(flagBody(i), { freq: 6 }))),
        fc.tuple(...SEGMENTS.map(() => fc.option(segmentBody, { freq: 6 }))),
        fc.array(edit, { minLength: 1, maxLength: 5 }),
        fc.array(fc.record({ key: fc.constantFrom(...USERS), plan: fc.constantFrom('free', 'pro') }), {
          minLength: 1,
          maxLength: 4,
        }),
        (flagBodies, segmentBodies, edits, users) => {
          const { initial, state, records } = replay(flagBodies, segmentBodies, edits);
          const [group] = groupByEnvironment(records);
          if (!group) return;
          const delta = ClientDelta.of(state, group.changes, READ_AT);
          const fresh = createEvaluator({
            flags: Object.fromEntries(state.flags),
            segments: Object.fromEntries(state.segments),
          });
          const old = createEvaluator({
            flags: Object.fromEntries(initial.flags),
            segments: Object.fromEntries(initial.segments),
          });
          const result = (s: FlagState | undefined) =>
            s && { value: s.value, variationIndex: s.variationIndex, kind: s.reason?.kind };

          for (const user of users) {
            const context = { kind: 'user', ...user };
            const held: Record<string, FlagState> = old.evaluateAll(context, {
              clientSideOnly: true,
              withReasons: true,
            });
            const expected = fresh.evaluateAll(context, { clientSideOnly: true, withReasons: true });
            const pushed = delta.valuesFor(context);
            for (const [key, entry] of Object.entries(pushed)) {
              if ('deleted' in entry) {
                expect(held[key], `deleted ${key} was held`).toBeDefined();
                expect(expected[key]).toBeUndefined();
                delete held[key];
              } else {
                // Restricted to what changed: a real change, equal to a fresh evaluation.
                expect(result(entry)).not.toEqual(result(held[key]));
                expect(entry).toEqual(expected[key]);
                held[key] = entry;
              }
            }
            const compare = (values: Record<string, FlagState>) =>
              Object.fromEntries(Object.entries(values).map(([key, s]) => [key, result(s)]));
            expect(compare(held)).toEqual(compare(expected));

            // A context whose answer already held the batch (identified meanwhile) is compared with
            // that answer too: it is sent nothing it already has, and ends up equally right.
            const answered = { ...expected };
            const again = delta.valuesFor(context, { answer: answerDigest(answered) });
            for (const [key, entry] of Object.entries(again)) {
              if ('deleted' in entry) delete answered[key];
              else answered[key] = entry;
            }
            expect(compare(answered)).toEqual(compare(expected));
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
