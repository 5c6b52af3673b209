import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PartClaims } from '../../services/fanout-service.js';
import { tableName } from '../config.js';
import { isConditionFailure } from './failures.js';

/** A claim outlives any replica's start by far, and then expires (the table's `ttl`). */
const CLAIM_TTL_SECONDS = 600;

/**
 * Claims in the connections table: `HANDOFF#{id}` / `PART#{index}`, written only if absent, so of
 * the replicas racing for a fast-path part exactly one wins. The items expire after ten minutes.
 *
 * @example
 * const claims = new DynamoPartClaims(sharedDocumentClient());
 * await claims.claim('4f0c…', 3); // true for the first replica of part 3, false for the others
 */
export class DynamoPartClaims implements PartClaims {
  private readonly table = tableName('connections');

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(handoff: string, part: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: `HANDOFF#${handoff}`,
            sk: `PART#${part}`,
            ttl: Math.floor(this.now() / 1000) + CLAIM_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
