import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Percentiles } from './distribution.js';
import type { DelayName, SimInputs } from './model.js';

interface Sourced<T> {
  readonly value: T;
  readonly source: string;
}
interface InputFile {
  readonly sources: Record<string, { title: string; url: string }>;
  readonly delays: Record<DelayName, { ms: Percentiles; source: string }>;
  readonly quotas: Record<'callbackRps' | 'callbackBurst', Sourced<number>>;
  readonly lambda: Record<
    Exclude<
      keyof SimInputs,
      'delays' | 'callbackRps' | 'callbackBurst' | 'skipDelivered' | 'unclaimedHedgeMaxConnections'
    >,
    Sourced<number>
  >;
}

export const inputsPath = join(dirname(fileURLToPath(import.meta.url)), 'aws-inputs.json');

/**
 * Reads the simulator's inputs (`aws-inputs.json`), checking that every figure names a source the
 * file lists.
 */
export function loadInputs(path = inputsPath): SimInputs {
  const file = JSON.parse(readFileSync(path, 'utf8')) as InputFile;
  const check = (what: string, source: string) => {
    if (!(source in file.sources) && !source.includes('/'))
      throw new Error(`${what}: unknown source "${source}"`);
  };
  for (const [name, delay] of Object.entries(file.delays)) check(name, delay.source);
  for (const [name, value] of [...Object.entries(file.quotas), ...Object.entries(file.lambda)])
    check(name, value.source);
  const lambda: Record<string, number> = Object.fromEntries(
    Object.entries(file.lambda).map(([name, v]) => [name, v.value]),
  );
  return {
    ...(lambda as unknown as Omit<SimInputs, 'delays' | 'callbackRps' | 'callbackBurst'>),
    delays: Object.fromEntries(
      Object.entries(file.delays).map(([name, d]) => [name, d.ms]),
    ) as SimInputs['delays'],
    callbackRps: file.quotas.callbackRps.value,
    callbackBurst: file.quotas.callbackBurst.value,
  };
}
