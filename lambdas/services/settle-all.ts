/**
 * `Promise.all` that resolves or rejects only once every promise has settled, so no work is left
 * running behind a rejection (a Lambda invocation must not end with requests still in flight).
 * Rejects with the first rejection in order.
 */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}
