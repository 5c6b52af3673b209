const DAY_MS = 86_400_000;
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', DAY_MS],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "5 minutes ago", "yesterday", "just now".
 *
 * @example
 * timeAgo('2026-12-06T10:00:00Z', new Date('2026-12-06T10:05:00Z')); // '5 minutes ago'
 */
export function timeAgo(iso: string, now: Date = new Date()): string {
  const elapsed = now.getTime() - new Date(iso).getTime();
  for (const [unit, ms] of units) {
    if (Math.abs(elapsed) >= ms) return format.format(-Math.round(elapsed / ms), unit);
  }
  return 'just now';
}

/**
 * Whether none of `times` (ISO) is within the last `days` days; true when there are none at all.
 *
 * @example
 * quietFor(Object.values(flag.lastEvaluated), 7); // true: "no evaluations in 7 days"
 */
export function quietFor(times: readonly string[], days: number, now: Date = new Date()): boolean {
  const since = now.getTime() - days * DAY_MS;
  return !times.some((t) => new Date(t).getTime() >= since);
}
