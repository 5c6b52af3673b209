import { type BatchSettings, runBatch } from './batch-runner.js';
import type { Checkpoints } from './checkpoints.js';
import { type FilterPattern, matchesAnyPattern } from './filter-pattern.js';
import type { SourceRecord, StartPosition, StreamSource } from './stream-source.js';

export interface PollSettings extends BatchSettings {
  readonly batchSize: number;
  readonly maxBatchingWindowMs: number;
  readonly startingPosition: 'LATEST' | 'TRIM_HORIZON';
  readonly filterPatterns?: readonly FilterPattern[];
  /** Pause between reads of an idle shard. */
  readonly idlePollMs: number;
  readonly retryDelayMs: number;
}

export interface ShardPollerOptions<E> {
  readonly source: StreamSource<E>;
  readonly shardId: string;
  readonly settings: PollSettings;
  readonly checkpoints: Checkpoints;
  readonly checkpointKey: string;
  readonly invoke: (records: readonly E[]) => Promise<unknown>;
  readonly onBatch: (report: {
    records: number;
    invocations: number;
    skipped: number;
    ms: number;
    error?: unknown;
  }) => void;
  readonly isStopped: () => boolean;
  /** While true the shard is not read: records wait in the stream, as behind a disabled mapping. */
  readonly isPaused?: () => boolean;
  /** Called once the shard has a read position, so records written after it are not missed. */
  readonly onPositioned?: () => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads one shard in order and hands batches to the function: a batch is sent when it is full, when
 * the batching window since its first record has passed, or when a closed shard runs out. Filtered-
 * out records are dropped (and count as done). After each batch (delivered or, after retries,
 * skipped) the checkpoint moves past its last record. Resolves when the shard is closed and fully
 * read, or when stopped.
 */
export async function pollShard<E>(options: ShardPollerOptions<E>): Promise<'finished' | 'stopped'> {
  const { source, shardId, settings } = options;
  const saved = options.checkpoints.get(options.checkpointKey);
  const start: StartPosition = saved
    ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: saved }
    : { type: settings.startingPosition };
  let iterator = await source.iterator(shardId, start);
  options.onPositioned?.();
  let lastRead = saved;
  const buffer: SourceRecord<E>[] = [];
  let windowStart = 0;

  while (!options.isStopped()) {
    if (options.isPaused?.()) {
      await sleep(settings.idlePollMs);
      continue;
    }
    let fetched = 0;
    if (iterator && buffer.length < settings.batchSize) {
      try {
        const page = await source.read(shardId, iterator, settings.batchSize - buffer.length);
        iterator = page.next;
        fetched = page.records.length;
        for (const record of page.records) {
          lastRead = record.sequenceNumber;
          if (!matchesAnyPattern(record.filterView, settings.filterPatterns)) continue;
          if (buffer.length === 0) windowStart = Date.now();
          buffer.push(record);
        }
      } catch {
        // An expired or invalid iterator: start again after the last record read.
        await sleep(settings.idlePollMs);
        iterator = await source.iterator(
          shardId,
          lastRead ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: lastRead } : start,
        );
        continue;
      }
    }
    const windowOver = Date.now() - windowStart >= settings.maxBatchingWindowMs;
    if (buffer.length > 0 && (buffer.length >= settings.batchSize || windowOver || !iterator)) {
      const batch = buffer.splice(0, settings.batchSize);
      const started = performance.now();
      const outcome = await runBatch({
        records: batch,
        identify: (record) => record.sequenceNumber,
        invoke: (records) => options.invoke(records.map((record) => record.eventRecord)),
        settings,
        retryDelayMs: settings.retryDelayMs,
        isStopped: options.isStopped,
      });
      if (outcome.aborted) return 'stopped';
      options.checkpoints.set(options.checkpointKey, (batch.at(-1) as SourceRecord<E>).sequenceNumber);
      options.onBatch({
        records: batch.length,
        invocations: outcome.invocations,
        skipped: outcome.skipped,
        ms: performance.now() - started,
        ...(outcome.skipped > 0 ? { error: outcome.lastError } : {}),
      });
      if (buffer.length > 0) windowStart = Date.now();
      continue;
    }
    if (buffer.length === 0 && lastRead && lastRead !== options.checkpoints.get(options.checkpointKey)) {
      // Everything read so far was filtered out: it counts as processed.
      options.checkpoints.set(options.checkpointKey, lastRead);
    }
    if (!iterator && buffer.length === 0) return 'finished';
    if (fetched === 0)
      await sleep(buffer.length > 0 ? Math.min(settings.idlePollMs, 10) : settings.idlePollMs);
  }
  return 'stopped';
}
