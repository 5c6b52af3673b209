import { describe, expect, it } from 'vitest';
import { MAX_CONTEXT_BYTES } from './context-limits.js';
import { parseClientMessage } from './ws-protocol.js';

const answer = (body: string | undefined) => {
  const parsed = parseClientMessage(body);
  return parsed.ok ? parsed.message : parsed.reply;
};

describe('client messages', () => {
  it('reads a ping', () => {
    expect(answer('{"action":"ping"}')).toEqual({ action: 'ping' });
  });

  it('reads an identify with its id, context and hash', () => {
    const context = { kind: 'user', key: 'ada' };
    expect(answer(JSON.stringify({ action: 'identify', id: 3, context, hash: 'ab' }))).toEqual({
      action: 'identify',
      id: 3,
      context,
      hash: 'ab',
    });
  });

  it.each([
    ['without an id', { context: {} }, 'invalid_message', undefined],
    ['with id 0', { id: 0, context: {} }, 'invalid_message', undefined],
    ['with a fractional id', { id: 1.5, context: {} }, 'invalid_message', undefined],
    ['with a string id', { id: '2', context: {} }, 'invalid_message', undefined],
    ['without a context', { id: 2 }, 'invalid_context', 2],
    ['with a non-string hash', { id: 2, context: { key: 'a' }, hash: 7 }, 'invalid_hash', 2],
    [
      'with a context over 8 KB',
      { id: 4, context: { kind: 'user', key: 'a', blob: 'é'.repeat(MAX_CONTEXT_BYTES / 2) } },
      'context_too_large',
      4,
    ],
  ])('answers an identify %s with an error carrying the id when it has one', (_name, fields, code, id) => {
    const reply = answer(JSON.stringify({ action: 'identify', ...fields }));
    expect(reply).toMatchObject({ type: 'error', code });
    expect((reply as { id?: number }).id).toBe(id);
  });

  it('accepts a context of exactly 8 KB', () => {
    const base = JSON.stringify({ kind: 'user', key: 'a', pad: '' });
    const context = { kind: 'user', key: 'a', pad: 'x'.repeat(MAX_CONTEXT_BYTES - base.length) };
    expect(answer(JSON.stringify({ action: 'identify', id: 1, context }))).toMatchObject({
      action: 'identify',
    });
  });

  it.each([
    ['not JSON', 'ping', 'invalid_message'],
    ['empty', '', 'invalid_message'],
    ['missing', undefined, 'invalid_message'],
    ['a JSON array', '["ping"]', 'invalid_message'],
    ['JSON null', 'null', 'invalid_message'],
    ['no action', '{"type":"ping"}', 'unknown_action'],
    ['an unknown action', '{"action":"subscribe"}', 'unknown_action'],
    ['a non-string action', '{"action":42}', 'unknown_action'],
    // Found by test/integration/fuzz.websocket.test.ts: String() of this object throws.
    [
      'an action object whose toString is no function',
      '{"action":{"toString":{"polluted":true}}}',
      'unknown_action',
    ],
    ['an action object without a prototype', '{"action":{"__proto__":null}}', 'unknown_action'],
  ])('answers %s with an error message instead of failing', (_name, body, code) => {
    expect(answer(body)).toMatchObject({ type: 'error', code, message: expect.any(String) });
  });

  // Found by test/integration/fuzz.websocket.test.ts: a context nested 4,000 deep fits in 8 KB and
  // overflowed the stack in validation, answered as the server's own failure ("unavailable").
  it.each([
    [
      'a context nested 4,000 deep',
      `{"action":"identify","id":1,"context":{"key":"k","a":${'['.repeat(4_000)}${']'.repeat(4_000)}}}`,
    ],
    ['a frame nested 60,000 deep', '['.repeat(60_000) + ']'.repeat(60_000)],
  ])('answers %s with invalid_message', (_name, body) => {
    expect(answer(body)).toMatchObject({ type: 'error', code: 'invalid_message' });
  });

  it('does not echo a long action back in full', () => {
    const reply = answer(JSON.stringify({ action: 'x'.repeat(10_000) }));
    expect(JSON.stringify(reply).length).toBeLessThan(300);
  });
});
