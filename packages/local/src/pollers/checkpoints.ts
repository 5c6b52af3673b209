import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The last sequence number each (mapping, shard) has finished with, so restarts resume there. */
export interface Checkpoints {
  get(key: string): string | undefined;
  set(key: string, sequenceNumber: string): void;
}

export function memoryCheckpoints(): Checkpoints {
  const positions = new Map<string, string>();
  return {
    get: (key) => positions.get(key),
    set: (key, sequenceNumber) => void positions.set(key, sequenceNumber),
  };
}

/** Checkpoints kept in a JSON file (persistent mode), written through on every change. */
export function fileCheckpoints(path: string): Checkpoints {
  let positions: Record<string, string> = {};
  try {
    positions = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch {
    // First run: no checkpoints yet.
  }
  return {
    get: (key) => positions[key],
    set: (key, sequenceNumber) => {
      positions[key] = sequenceNumber;
      writeFileSync(path, JSON.stringify(positions, null, 2));
    },
  };
}

/** File-backed checkpoints beside the persisted data, or in memory when nothing persists. */
export const checkpointsFor = (dataDir: string | undefined): Checkpoints =>
  dataDir ? fileCheckpoints(join(dataDir, 'checkpoints.json')) : memoryCheckpoints();
