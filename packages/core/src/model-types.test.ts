import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  Clause,
  Context,
  Flag,
  FlagRule,
  LegacyUser,
  MultiContext,
  Operator,
  Rollout,
  Segment,
  SegmentRule,
  SingleContext,
} from './index.js';
import type {
  clauseSchema,
  contextSchema,
  flagRuleSchema,
  flagSchema,
  legacyUserSchema,
  multiContextSchema,
  operators,
  rolloutSchema,
  segmentRuleSchema,
  segmentSchema,
  singleContextSchema,
} from './schema/index.js';

// The model's types are written out so that `@switchboard/core` needs no valibot; these assertions fail
// `npm run typecheck` as soon as a schema's output and its written-out type differ. valibot writes a
// loose object's output as an intersection, which no interface equals, so each type must extend the
// other instead.
describe('the model types', () => {
  it('are what the schemas output', () => {
    expectTypeOf<v.InferOutput<typeof flagSchema>>().toExtend<Flag>();
    expectTypeOf<Flag>().toExtend<v.InferOutput<typeof flagSchema>>();
    expectTypeOf<v.InferOutput<typeof flagRuleSchema>>().toExtend<FlagRule>();
    expectTypeOf<FlagRule>().toExtend<v.InferOutput<typeof flagRuleSchema>>();
    expectTypeOf<v.InferOutput<typeof clauseSchema>>().toExtend<Clause>();
    expectTypeOf<Clause>().toExtend<v.InferOutput<typeof clauseSchema>>();
    expectTypeOf<v.InferOutput<typeof rolloutSchema>>().toExtend<Rollout>();
    expectTypeOf<Rollout>().toExtend<v.InferOutput<typeof rolloutSchema>>();
    expectTypeOf<v.InferOutput<typeof segmentSchema>>().toExtend<Segment>();
    expectTypeOf<Segment>().toExtend<v.InferOutput<typeof segmentSchema>>();
    expectTypeOf<v.InferOutput<typeof segmentRuleSchema>>().toExtend<SegmentRule>();
    expectTypeOf<SegmentRule>().toExtend<v.InferOutput<typeof segmentRuleSchema>>();
    expectTypeOf<v.InferOutput<typeof singleContextSchema>>().toExtend<SingleContext>();
    expectTypeOf<SingleContext>().toExtend<v.InferOutput<typeof singleContextSchema>>();
    expectTypeOf<v.InferOutput<typeof multiContextSchema>>().toExtend<MultiContext>();
    expectTypeOf<MultiContext>().toExtend<v.InferOutput<typeof multiContextSchema>>();
    expectTypeOf<v.InferOutput<typeof legacyUserSchema>>().toExtend<LegacyUser>();
    expectTypeOf<LegacyUser>().toExtend<v.InferOutput<typeof legacyUserSchema>>();
    expectTypeOf<v.InferOutput<typeof contextSchema>>().toExtend<Context>();
    expectTypeOf<Context>().toExtend<v.InferOutput<typeof contextSchema>>();
    expectTypeOf<(typeof operators)[number]>().toEqualTypeOf<Operator>();
  });
});
