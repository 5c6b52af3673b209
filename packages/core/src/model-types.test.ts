import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod/mini';
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

// The model's types are written out so that `@switchboard/core` needs no zod; these assertions fail
// `npm run typecheck` as soon as a schema's output and its written-out type differ.
describe('the model types', () => {
  it('are what the schemas output', () => {
    expectTypeOf<z.output<typeof flagSchema>>().toEqualTypeOf<Flag>();
    expectTypeOf<z.output<typeof flagRuleSchema>>().toEqualTypeOf<FlagRule>();
    expectTypeOf<z.output<typeof clauseSchema>>().toEqualTypeOf<Clause>();
    expectTypeOf<z.output<typeof rolloutSchema>>().toEqualTypeOf<Rollout>();
    expectTypeOf<z.output<typeof segmentSchema>>().toEqualTypeOf<Segment>();
    expectTypeOf<z.output<typeof segmentRuleSchema>>().toEqualTypeOf<SegmentRule>();
    expectTypeOf<z.output<typeof singleContextSchema>>().toEqualTypeOf<SingleContext>();
    expectTypeOf<z.output<typeof multiContextSchema>>().toEqualTypeOf<MultiContext>();
    expectTypeOf<z.output<typeof legacyUserSchema>>().toEqualTypeOf<LegacyUser>();
    expectTypeOf<z.output<typeof contextSchema>>().toEqualTypeOf<Context>();
    expectTypeOf<(typeof operators)[number]>().toEqualTypeOf<Operator>();
  });
});
