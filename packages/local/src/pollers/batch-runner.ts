/** The retry settings of an event source mapping that govern one batch. */
export interface BatchSettings {
  /** Retries after the first failed invocation; -1 retries until the records expire (forever, locally). */
  readonly retryAttempts: number;
  readonly bisectBatchOnError: boolean;
  readonly reportBatchItemFailures: boolean;
}

export interface BatchOutcome {
  readonly invocations: number;
  /** Records given up on after the retries ran out (Lambda sends them to the on-failure destination). */
  readonly skipped: number;
  /** Stopped between retries: the batch is neither done nor skipped and must be read again. */
  readonly aborted: boolean;
  readonly lastError?: unknown;
}

type Attempt =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryFrom: number; readonly error?: unknown };

export interface RunBatchOptions<R> {
  readonly records: readonly R[];
  /** Each record's `itemIdentifier` for `batchItemFailures` (its sequence number). */
  readonly identify: (record: R) => string;
  readonly invoke: (records: readonly R[]) => Promise<unknown>;
  readonly settings: BatchSettings;
  /** @default 0 */
  readonly retryDelayMs?: number;
  /** Called with records that are given up on. */
  readonly onSkip?: (records: readonly R[], error: unknown) => void;
  /** Checked before each retry; a stopping runtime leaves the batch for its next start. */
  readonly isStopped?: () => boolean;
}

/**
 * Processes one batch with Lambda's stream semantics, in record order: a thrown error fails the whole
 * batch; with `ReportBatchItemFailures`, a `batchItemFailures` answer fails the batch from its
 * earliest listed record on (the records before it count as done). A failed batch is retried up
 * to `retryAttempts` times (with `bisectBatchOnError`, split in halves down to single records first,
 * which costs no retry), and then skipped.
 * Never throws: records are either delivered successfully or skipped through `onSkip`.
 */
export async function runBatch<R>(options: RunBatchOptions<R>): Promise<BatchOutcome> {
  const { settings } = options;
  let invocations = 0;
  let skipped = 0;
  let lastError: unknown;
  let aborted = false;

  const attempt = async (records: readonly R[]): Promise<Attempt> => {
    invocations++;
    try {
      const result = await options.invoke(records);
      if (!settings.reportBatchItemFailures) return { ok: true };
      return interpretItemFailures(result, records, options.identify);
    } catch (error) {
      return { ok: false, retryFrom: 0, error };
    }
  };

  const run = async (initial: readonly R[], retriesLeft: number): Promise<void> => {
    let records = initial;
    let retries = retriesLeft;
    for (;;) {
      if (options.isStopped?.()) {
        aborted = true;
        return;
      }
      const outcome = await attempt(records);
      if (outcome.ok) return;
      lastError = outcome.error ?? new Error('batchItemFailures reported');
      records = records.slice(outcome.retryFrom);
      // As on Lambda, splitting a batch does not count against the retry quota.
      if (outcome.error !== undefined && settings.bisectBatchOnError && records.length > 1) {
        const half = Math.ceil(records.length / 2);
        await run(records.slice(0, half), retries);
        await run(records.slice(half), retries);
        return;
      }
      if (retries === 0) {
        skipped += records.length;
        options.onSkip?.(records, lastError);
        return;
      }
      if (retries > 0) retries--;
      if (options.retryDelayMs) await new Promise((r) => setTimeout(r, options.retryDelayMs));
    }
  };

  await run(options.records, options.settings.retryAttempts);
  return { invocations, skipped, aborted, ...(lastError === undefined ? {} : { lastError }) };
}

/**
 * Reads a `{ batchItemFailures: [{ itemIdentifier }] }` answer. No answer or an empty list means
 * success; an identifier that is missing or names no record of the batch fails the whole batch, as
 * Lambda treats it.
 */
export function interpretItemFailures<R>(
  result: unknown,
  records: readonly R[],
  identify: (record: R) => string,
): Attempt {
  const failures = (result as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return { ok: true };
  const ids = records.map(identify);
  let earliest = records.length;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index = typeof id === 'string' ? ids.indexOf(id) : -1;
    if (index === -1) return { ok: false, retryFrom: 0 };
    earliest = Math.min(earliest, index);
  }
  return { ok: false, retryFrom: earliest };
}
