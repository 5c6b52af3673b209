import { useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';

interface Shown {
  readonly text: string;
  readonly pathname: string;
}

/**
 * What a navigation says on the page it opens (`state.notice`, e.g. "Flag checkout was deleted."),
 * in a live region, until the user dismisses it or leaves the page. The history entry then drops
 * it, so coming Back or Forward to the page says nothing again.
 */
export function NavigationNotice() {
  const { pathname, state } = useLocation();
  const navigate = useNavigate();
  const [shown, setShown] = useState<Shown>();
  const incoming = state.notice;
  useEffect(() => {
    if (incoming === undefined) {
      // Left the page: coming back to it later says nothing.
      setShown((current) => (current?.pathname === pathname ? current : undefined));
      return;
    }
    setShown({ text: incoming, pathname });
    void navigate({
      to: '.',
      search: true,
      hash: true,
      replace: true,
      state: ({ notice: _, ...rest }) => rest,
    });
  }, [incoming, pathname, navigate]);
  const text = shown?.pathname === pathname ? shown.text : undefined;
  return (
    <div role="status" aria-live="polite" className="navigation-notice">
      {text && (
        <div className="notice">
          {text}{' '}
          <button type="button" className="button" onClick={() => setShown(undefined)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
