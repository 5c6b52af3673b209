import { Link } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, useEffect, useRef } from 'react';
import { quietFor, timeAgo } from '../../../lib/time.js';
import type { FlagListItem } from '../api/list-flags.js';
import { FlagToggle } from './FlagToggle.js';

/** A flag without evaluations for this long is marked, a hint that it may be dead code. */
export const QUIET_DAYS = 7;
const ROW_PX = 64;
/** Ask for the next page when the user scrolls within this many rows of the end of what is loaded. */
const PREFETCH_ROWS = 30;

export interface Environment {
  readonly key: string;
  readonly name: string;
}

export interface FlagTableProps {
  readonly project: string;
  /** The environment in the URL: flag links open it. */
  readonly env: string;
  readonly environments: readonly Environment[];
  readonly flags: readonly FlagListItem[];
  readonly hasMore: boolean;
  readonly loadMore: () => void;
  readonly canWrite: boolean;
  readonly onProblem: (message: string) => void;
}

/**
 * The flags, one row each with a switch per environment. Only the rows in view are in the DOM, so
 * thousands of flags scroll as smoothly as ten.
 */
export function FlagTable(props: FlagTableProps) {
  const { flags, environments, hasMore, loadMore } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: flags.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 10,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastShown >= flags.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, lastShown, flags.length, loadMore]);
  const columns = { '--env-columns': environments.length } as CSSProperties;
  return (
    <div ref={scroller} className="flag-scroller">
      <table
        aria-label="Flags"
        aria-rowcount={hasMore ? -1 : flags.length + 1}
        className="flag-table"
        style={columns}
      >
        <thead>
          <tr className="flag-row flag-header" aria-rowindex={1}>
            <th scope="col">Flag</th>
            {environments.map((e) => (
              <th scope="col" key={e.key} className={e.key === props.env ? 'current-env' : undefined}>
                {e.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const flag = flags[row.index] as FlagListItem;
            return (
              <FlagRow
                key={flag.key}
                {...props}
                flag={flag}
                index={row.index}
                style={{ transform: `translateY(${row.start}px)`, height: ROW_PX }}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function FlagRow({
  flag,
  index,
  style,
  project,
  env,
  environments,
  canWrite,
  onProblem,
}: FlagTableProps & { flag: FlagListItem; index: number; style: CSSProperties }) {
  const quiet = quietFor(Object.values(flag.lastEvaluated), QUIET_DAYS);
  return (
    <tr aria-rowindex={index + 2} className="flag-row" style={style}>
      <td className="flag-cell">
        <Link
          to="/projects/$project/environments/$env/flags/$flag"
          params={{ project, env, flag: flag.key }}
          className="flag-name"
        >
          {flag.name}
        </Link>
        <div className="flag-meta">
          <code>{flag.key}</code>
          {flag.archived && <span className="badge">archived</span>}
          {flag.tags.map((t) => (
            <span className="badge tag" key={t}>
              {t}
            </span>
          ))}
          {quiet && <span className="badge badge-warn">No evaluations in {QUIET_DAYS} days</span>}
        </div>
      </td>
      {environments.map((e) => {
        const last = flag.lastEvaluated[e.key];
        return (
          <td className="env-cell" key={e.key}>
            <FlagToggle
              project={project}
              flag={flag.key}
              env={e}
              state={flag.environments[e.key]}
              canWrite={canWrite}
              onProblem={onProblem}
            />
            <span className="last-evaluated">
              {last ? <time dateTime={last}>{timeAgo(last)}</time> : 'never evaluated'}
            </span>
          </td>
        );
      })}
    </tr>
  );
}
