import type { LastEvaluatedReader } from './analytics-ports.js';

/** When flags were last evaluated, as the flag listings show them (apart from the insights' counts). */
export class LastEvaluatedService {
  constructor(private readonly reader: LastEvaluatedReader) {}

  /**
   * Last-evaluated times of some flags of a project, as ISO strings per environment
   * (`{ production: '2026-…' }`; environments where a flag was never evaluated are absent).
   */
  async byFlag(
    project: string,
    flags: readonly string[],
    env?: string,
  ): Promise<Map<string, Record<string, string>>> {
    const times = await this.reader.lastEvaluated(project, flags);
    const out = new Map<string, Record<string, string>>();
    for (const flag of flags) {
      const entries = Object.entries(times.get(flag) ?? {}).filter(([e]) => env === undefined || e === env);
      out.set(
        flag,
        Object.fromEntries(
          entries.sort(([a], [b]) => a.localeCompare(b)).map(([e, t]) => [e, new Date(t).toISOString()]),
        ),
      );
    }
    return out;
  }
}
