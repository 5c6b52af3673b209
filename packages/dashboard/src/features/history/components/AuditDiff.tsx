import { format } from 'jsondiffpatch/formatters/html';
import { useMemo, useState } from 'react';
import 'jsondiffpatch/formatters/styles/html.css';
import { differ } from '../json-diff.js';

/** Every change bumps `version`; the entry's heading names it, so the diff leaves it out. */
function withoutVersion(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value ?? {};
  const { version: _version, ...rest } = value as Record<string, unknown>;
  return rest;
}

/**
 * The change an audit entry records, as jsondiffpatch's HTML rendering of the before → after delta
 * (the formatter escapes every key and value). Unchanged fields are hidden until asked for.
 *
 * @example
 * <AuditDiff before={entry.before} after={entry.after} />
 */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const [showAll, setShowAll] = useState(false);
  const html = useMemo(() => {
    const left = withoutVersion(before);
    const delta = differ.diff(left, withoutVersion(after));
    return delta === undefined ? undefined : format(delta, left);
  }, [before, after]);
  if (html === undefined) return <p className="muted">No change to the stored configuration.</p>;
  return (
    <div className="audit-diff">
      <p className="muted audit-diff-legend">
        Removed values are struck through in red, added values highlighted in green.{' '}
        <button
          type="button"
          className="link-button"
          aria-pressed={showAll}
          onClick={() => setShowAll(!showAll)}
        >
          Show unchanged fields
        </button>
      </p>
      <div
        className={showAll ? 'jsondiffpatch-unchanged-visible' : 'jsondiffpatch-unchanged-hidden'}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: jsondiffpatch's HTML formatter escapes every key and value
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </div>
  );
}
