import { describe, expect, it, vi } from 'vitest';
import { basicLogger } from './index.js';

describe('basicLogger', () => {
  const destination = () => ({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() });

  it('writes warnings and errors by default, prefixed', () => {
    const out = destination();
    const logger = basicLogger({ destination: out });
    logger.debug('d');
    logger.info('i');
    logger.warn('w', 1);
    logger.error('e');
    expect(out.debug).not.toHaveBeenCalled();
    expect(out.info).not.toHaveBeenCalled();
    expect(out.warn).toHaveBeenCalledWith('[switchboard] w', 1);
    expect(out.error).toHaveBeenCalledWith('[switchboard] e');
  });

  it.each([
    ['debug', 4],
    ['error', 1],
    ['none', 0],
  ] as const)('at level %s writes %i of the four levels', (level, count) => {
    const out = destination();
    const logger = basicLogger({ level, destination: out });
    for (const name of ['debug', 'info', 'warn', 'error'] as const) logger[name]('m');
    const written = Object.values(out).filter((fn) => fn.mock.calls.length > 0).length;
    expect(written).toBe(count);
  });
});
