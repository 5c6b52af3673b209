import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LastEvaluatedReader } from '../../services/analytics-ports.js';
import { tableName } from '../config.js';
import { LAST_EVALUATED_PREFIX, lastEvaluatedKey } from './analytics-keys.js';
import { batchGetAll } from './query.js';

/**
 * Last-evaluated times from the analytics table, apart from `DynamoAnalyticsStore` (which reads them
 * through this class) so that `api-authoring`, which reads nothing else there, bundles no counter code.
 */
export class DynamoLastEvaluatedReader implements LastEvaluatedReader {
  constructor(private readonly client: DynamoDBDocumentClient) {}

  async lastEvaluated(
    project: string,
    flags: readonly string[],
  ): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    const keys = [...new Set(flags)].map((flag) => lastEvaluatedKey(project, flag));
    for (const item of await batchGetAll(this.client, tableName('analytics'), keys)) {
      const times: Record<string, number> = {};
      for (const [name, value] of Object.entries(item)) {
        if (name.startsWith(LAST_EVALUATED_PREFIX))
          times[name.slice(LAST_EVALUATED_PREFIX.length)] = Number(value);
      }
      out.set((item.sk as string).slice('FLAG#'.length), times);
    }
    return out;
  }
}
