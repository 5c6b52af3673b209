import { describe, expect, it } from 'vitest';
import { user } from '../testing/flags.js';
import {
  type EvaluationSeriesContext,
  type Hook,
  init,
  type Logger,
  silentLogger,
  TestData,
} from './index.js';

function recordingHook(name: string, log: unknown[]): Hook {
  return {
    getMetadata: () => ({ name }),
    beforeEvaluation: (context, data) => {
      log.push([name, 'before', context.method]);
      return { ...data, from: name };
    },
    afterEvaluation: (_context, data, detail) => {
      log.push([name, 'after', data.from, detail.value]);
      return data;
    },
  };
}

async function clientWith(hooks: Hook[], logger: Logger = silentLogger) {
  const td = new TestData();
  td.update(td.flag('beta').variationForAll(true));
  const client = init({ dataSource: td.getFactory(), logger, hooks });
  await client.waitForInitialization();
  return client;
}

describe('hooks', () => {
  it('run before in order and after in reverse, passing series data, with LaunchDarkly’s method names', async () => {
    const log: unknown[] = [];
    const client = await clientWith([recordingHook('a', log)]);
    client.addHook(recordingHook('b', log));
    expect(client.boolVariation('beta', user('ada'), false)).toBe(true);
    expect(log).toEqual([
      ['a', 'before', 'LDClient.boolVariation'],
      ['b', 'before', 'LDClient.boolVariation'],
      ['b', 'after', 'b', true],
      ['a', 'after', 'a', true],
    ]);
    await client.close();
  });

  it('see the flag key, context and default of every evaluation method', async () => {
    const seen: EvaluationSeriesContext[] = [];
    const client = await clientWith([
      {
        getMetadata: () => ({ name: 'spy' }),
        beforeEvaluation: (context, data) => {
          seen.push(context);
          return data;
        },
      },
    ]);
    client.stringVariationDetail('beta', user('ada'), 'x');
    client.jsonVariation('missing', user('bob'), { a: 1 });
    expect(seen).toEqual([
      { flagKey: 'beta', context: user('ada'), defaultValue: 'x', method: 'LDClient.stringVariationDetail' },
      { flagKey: 'missing', context: user('bob'), defaultValue: { a: 1 }, method: 'LDClient.jsonVariation' },
    ]);
    await client.close();
  });

  it('that throw are logged and skipped without changing the result', async () => {
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (message: string) => errors.push(message) };
    const after: unknown[] = [];
    const client = await clientWith(
      [
        {
          getMetadata: () => ({ name: 'broken' }),
          beforeEvaluation: () => {
            throw new Error('boom');
          },
          afterEvaluation: (_context, data) => {
            after.push(data);
            return data;
          },
        },
      ],
      logger,
    );
    expect(client.boolVariation('beta', user('ada'), false)).toBe(true);
    expect(after).toEqual([{}]);
    expect(errors).toEqual(['The "beforeEvaluation" stage of hook "broken" threw']);
    await client.close();
  });
});
