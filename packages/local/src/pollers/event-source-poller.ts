import type { Logger } from '../log.js';
import type { RuntimeEventSource } from '../topology.js';
import type { Checkpoints } from './checkpoints.js';
import type { FilterPattern } from './filter-pattern.js';
import { pollShard } from './shard-poller.js';
import type { ShardInfo, StreamSource } from './stream-source.js';

export interface EventSourcePollerOptions<E> {
  readonly mapping: RuntimeEventSource;
  readonly source: StreamSource<E>;
  readonly invoke: (event: { Records: E[] }) => Promise<unknown>;
  readonly checkpoints: Checkpoints;
  readonly logger: Logger;
  /** @default 50 */
  readonly idlePollMs?: number;
  /** @default 1000 */
  readonly shardDiscoveryMs?: number;
  /** Pause before retrying a failed batch. @default 200 */
  readonly retryDelayMs?: number;
}

export interface EventSourcePoller {
  /**
   * Settles once every shard found at start-up has a read position. On AWS a mapping is created
   * with the stack, long before the first record; waiting here gives `LATEST` the same meaning.
   */
  readonly positioned: Promise<void>;
  /**
   * Stops reading (as disabling the event source mapping does): a batch being delivered finishes,
   * new records wait in the stream until {@link resume}.
   */
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  stop(): Promise<void>;
}

/**
 * Runs one event source mapping: finds the stream's shards (again every `shardDiscoveryMs`, so new
 * shards are picked up), polls each in its own loop — a child only after its parent is finished, so
 * records stay in order per key — and invokes the function with `{ Records }` batches.
 */
export function startEventSourcePoller<E>(options: EventSourcePollerOptions<E>): EventSourcePoller {
  const { mapping, source, logger } = options;
  const running = new Map<string, Promise<unknown>>();
  const finished = new Set<string>();
  let stopped = false;
  let paused = false;
  const settings = {
    batchSize: mapping.batchSize,
    maxBatchingWindowMs: (mapping.maxBatchingWindowSeconds ?? 0) * 1000,
    startingPosition: mapping.startingPosition,
    ...(mapping.filterPatterns ? { filterPatterns: mapping.filterPatterns as readonly FilterPattern[] } : {}),
    retryAttempts: mapping.retryAttempts,
    bisectBatchOnError: mapping.bisectBatchOnError,
    reportBatchItemFailures: mapping.reportBatchItemFailures,
    idlePollMs: options.idlePollMs ?? 50,
    retryDelayMs: options.retryDelayMs ?? 200,
  };

  const ready = (shard: ShardInfo, known: ReadonlySet<string>): boolean =>
    !shard.parentShardId || !known.has(shard.parentShardId) || finished.has(shard.parentShardId);

  const positioning: Promise<void>[] = [];
  const startShard = (shard: ShardInfo, firstDiscovery: boolean) => {
    const checkpointKey = `${mapping.function}|${source.arn}|${shard.shardId}`;
    // With LATEST, shards that were already closed at start-up hold only old records.
    if (
      firstDiscovery &&
      shard.closed &&
      mapping.startingPosition === 'LATEST' &&
      !options.checkpoints.get(checkpointKey)
    ) {
      finished.add(shard.shardId);
      return;
    }
    let onPositioned = () => {};
    const positioned = new Promise<void>((resolve) => {
      onPositioned = resolve;
    });
    if (firstDiscovery) positioning.push(positioned);
    const loop = pollShard({
      source,
      onPositioned,
      shardId: shard.shardId,
      // Shards that appear later start at their beginning so that no record of theirs is missed.
      settings: firstDiscovery ? settings : { ...settings, startingPosition: 'TRIM_HORIZON' },
      checkpoints: options.checkpoints,
      checkpointKey,
      invoke: (records) => options.invoke({ Records: [...records] }),
      isStopped: () => stopped,
      isPaused: () => paused,
      onBatch: (report) => {
        const status = report.skipped > 0 ? `SKIPPED ${report.skipped}` : 'ok';
        logger.activity(
          `${source.label} ${shard.shardId} → ${mapping.function} ${report.records} records ${status} ` +
            `(${report.invocations} invocations) ${Math.round(report.ms)}ms`,
        );
        if (report.skipped > 0) {
          logger.warn(
            `${mapping.function}: gave up on ${report.skipped} records of ${shard.shardId} after ` +
              `${mapping.retryAttempts} retries (on-failure destination): ${String(report.error)}`,
          );
        }
      },
    })
      .then((outcome) => {
        if (outcome === 'finished') finished.add(shard.shardId);
      })
      .catch((error: unknown) => {
        logger.warn(`${mapping.function}: polling ${shard.shardId} failed: ${String(error)}`);
        running.delete(shard.shardId);
      })
      .finally(onPositioned);
    running.set(shard.shardId, loop);
  };

  let firstDiscovery = true;
  const discover = async () => {
    const shards = await source.listShards();
    const known = new Set(shards.map((shard) => shard.shardId));
    // Parents before children: a child whose parent is still running waits for a later round.
    for (const shard of shards) {
      if (running.has(shard.shardId) || finished.has(shard.shardId)) continue;
      if (ready(shard, known)) startShard(shard, firstDiscovery);
    }
    firstDiscovery = false;
  };

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      discover()
        .catch((error: unknown) =>
          logger.debug(`${mapping.function}: shard discovery failed: ${String(error)}`),
        )
        .finally(() => {
          if (!stopped) schedule();
        });
    }, options.shardDiscoveryMs ?? 1000);
  };
  const initial = discover()
    .catch((error: unknown) => logger.warn(`${mapping.function}: shard discovery failed: ${String(error)}`))
    .finally(() => {
      if (!stopped) schedule();
    });

  return {
    positioned: initial.then(() => Promise.all(positioning)).then(() => undefined),
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
    },
    get paused() {
      return paused;
    },
    async stop() {
      stopped = true;
      await initial;
      clearTimeout(timer);
      await Promise.all(running.values());
    },
  };
}
