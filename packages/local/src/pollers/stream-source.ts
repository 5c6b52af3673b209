/** A shard as both DynamoDB Streams and Kinesis describe it. */
export interface ShardInfo {
  readonly shardId: string;
  readonly parentShardId?: string;
  /** True once the shard takes no more records (it has an ending sequence number). */
  readonly closed: boolean;
}

export type StartPosition =
  | { readonly type: 'TRIM_HORIZON' | 'LATEST' }
  | { readonly type: 'AFTER_SEQUENCE_NUMBER'; readonly sequenceNumber: string };

/** A record read from a shard, already in the shape of a Lambda event record. */
export interface SourceRecord<E> {
  readonly sequenceNumber: string;
  readonly eventRecord: E;
  /** What filter patterns are matched against. */
  readonly filterView: unknown;
}

/**
 * The few calls a poller makes on a stream, implemented once for DynamoDB Streams and once for
 * Kinesis; everything else (batching, retries, checkpoints) is shared.
 */
export interface StreamSource<E> {
  /** `aws:dynamodb` or `aws:kinesis`, for log lines. */
  readonly label: string;
  readonly arn: string;
  listShards(): Promise<ShardInfo[]>;
  iterator(shardId: string, position: StartPosition): Promise<string | undefined>;
  /** Reads from an iterator; `next` is undefined once a closed shard is exhausted. */
  read(
    shardId: string,
    iterator: string,
    limit: number,
  ): Promise<{ records: SourceRecord<E>[]; next: string | undefined }>;
}

/** DynamoDB Streams and Kinesis describe shards with the same members. */
export function toShardInfo(shard: {
  ShardId?: string | undefined;
  ParentShardId?: string | undefined;
  SequenceNumberRange?: { EndingSequenceNumber?: string | undefined } | undefined;
}): ShardInfo {
  return {
    shardId: shard.ShardId as string,
    ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
    closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
  };
}
