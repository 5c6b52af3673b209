import { type EnvironmentIndex, segmentReferences } from '@switchboard/core/schema';
import type { EnvironmentContents } from './ports.js';

/** The reference graph of one environment, as the semantic checks read it. */
export function environmentIndex(contents: EnvironmentContents): EnvironmentIndex {
  return {
    flags: new Map(
      contents.flags.map((f) => [
        f.key,
        { variationCount: f.variations.length, prerequisites: f.prerequisites.map((p) => p.key) },
      ]),
    ),
    segments: new Map(contents.segments.map((s) => [s.key, segmentReferences(s)])),
  };
}
