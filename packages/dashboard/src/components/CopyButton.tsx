import { useState } from 'react';

/**
 * Copies `value` to the clipboard; `label` names what is copied for screen readers ("Copy client-side
 * ID of Production"), and a polite status says when it worked.
 *
 * @example
 * <CopyButton value={env.clientSideId} label={`Copy client-side ID of ${env.name}`} />
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="button button-small" aria-label={label} onClick={copy}>
        Copy
      </button>
      <span role="status" className="muted copy-status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text instead' : ''}
      </span>
    </>
  );
}
