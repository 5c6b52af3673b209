import { CopyButton } from './CopyButton.js';

/**
 * A secret the API returns once (a new SDK key, a new API token): shown in full with a copy button and
 * the warning that it cannot be shown again.
 *
 * @example
 * {created && <SecretOnce label="SDK key of Production" secret={created.sdkKey} />}
 */
export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  return (
    <section className="notice secret-once" aria-label={`New ${label}`}>
      <h2>New {label}</h2>
      <p>
        <strong>Copy it now: it will not be shown again.</strong>
      </p>
      <p className="secret-row">
        <code className="secret">{secret}</code> <CopyButton value={secret} label={`Copy ${label}`} />
      </p>
    </section>
  );
}
