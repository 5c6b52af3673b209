import { describe, expect, it } from 'vitest';
import { parseClientMessage, replyTo } from './ws-protocol.js';

const answer = (body: string | undefined) => {
  const parsed = parseClientMessage(body);
  return parsed.ok ? replyTo(parsed.message) : parsed.reply;
};

describe('client messages', () => {
  it('answers a ping with a pong', () => {
    expect(answer('{"action":"ping"}')).toEqual({ type: 'pong' });
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
    ['identify (browser SDKs, not built yet)', '{"action":"identify","context":{}}', 'unsupported_action'],
  ])('answers %s with an error message instead of failing', (_name, body, code) => {
    expect(answer(body)).toMatchObject({ type: 'error', code, message: expect.any(String) });
  });

  it('does not echo a long action back in full', () => {
    const reply = answer(JSON.stringify({ action: 'x'.repeat(10_000) }));
    expect(JSON.stringify(reply).length).toBeLessThan(300);
  });
});
