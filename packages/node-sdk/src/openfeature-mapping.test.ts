import { ErrorCode } from '@openfeature/server-sdk';
import { describe, expect, it } from 'vitest';
import type { EvaluationReason } from './index.js';
import { toSwitchboardContext } from './openfeature-context.js';
import { toErrorCode, toResolutionReason } from './openfeature-result.js';

describe('toSwitchboardContext', () => {
  it.each([
    [
      'targetingKey becomes the user key',
      { targetingKey: 'u1', plan: 'pro' },
      { kind: 'user', key: 'u1', plan: 'pro' },
    ],
    ['a kind is kept', { targetingKey: 'o1', kind: 'org' }, { kind: 'org', key: 'o1' }],
    ['key stands in for targetingKey', { key: 'u1' }, { kind: 'user', key: 'u1' }],
    ['targetingKey wins over key', { targetingKey: 'a', key: 'b' }, { kind: 'user', key: 'a' }],
    [
      'dates become RFC 3339 strings',
      { targetingKey: 'u1', joined: new Date(Date.UTC(2024, 0, 2)) },
      { kind: 'user', key: 'u1', joined: '2024-01-02T00:00:00.000Z' },
    ],
    [
      'privateAttributes move to _meta',
      { targetingKey: 'u1', email: 'e', privateAttributes: ['email'] },
      { kind: 'user', key: 'u1', email: 'e', _meta: { privateAttributes: ['email'] } },
    ],
    [
      'multi-kind contexts take one object per kind and drop loose attributes',
      { kind: 'multi', plan: 'x', user: { targetingKey: 'u1', name: 'A' }, org: { targetingKey: 'o1' } },
      { kind: 'multi', user: { key: 'u1', name: 'A' }, org: { key: 'o1' } },
    ],
  ])('%s', (_case, input, expected) => {
    expect(toSwitchboardContext(input)).toEqual({ ok: true, context: expected });
  });

  it.each([
    ['no targeting key', { plan: 'pro' }],
    ['an empty targeting key', { targetingKey: '' }],
    ['a multi-kind context without kinds', { kind: 'multi' }],
    ['a multi-kind context with a keyless kind', { kind: 'multi', user: { name: 'A' } }],
  ])('refuses %s', (_case, input) => {
    expect(toSwitchboardContext(input).ok).toBe(false);
  });
});

describe('toResolutionReason', () => {
  it.each<[EvaluationReason, string]>([
    [{ kind: 'TARGET_MATCH' }, 'TARGETING_MATCH'],
    [{ kind: 'RULE_MATCH', ruleIndex: 0 }, 'TARGETING_MATCH'],
    [{ kind: 'FALLTHROUGH' }, 'DEFAULT'],
    [{ kind: 'FALLTHROUGH', inExperiment: true }, 'SPLIT'],
    [{ kind: 'RULE_MATCH', ruleIndex: 1, inExperiment: true }, 'SPLIT'],
    [{ kind: 'OFF' }, 'DISABLED'],
    [{ kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'p' }, 'DISABLED'],
    [{ kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' }, 'ERROR'],
  ])('maps %o to %s', (reason, expected) => {
    expect(toResolutionReason(reason)).toBe(expected);
  });
});

describe('toErrorCode', () => {
  it.each([
    ['FLAG_NOT_FOUND', ErrorCode.FLAG_NOT_FOUND],
    ['WRONG_TYPE', ErrorCode.TYPE_MISMATCH],
    ['MALFORMED_FLAG', ErrorCode.PARSE_ERROR],
    ['USER_NOT_SPECIFIED', ErrorCode.INVALID_CONTEXT],
    ['CLIENT_NOT_READY', ErrorCode.PROVIDER_NOT_READY],
    ['EXCEPTION', ErrorCode.GENERAL],
    [undefined, ErrorCode.GENERAL],
  ])('maps %s to %s', (errorKind, expected) => {
    expect(toErrorCode(errorKind)).toBe(expected);
  });
});
