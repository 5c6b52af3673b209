import { Switch } from '../../../components/Switch.js';
import { ApiError } from '../../../lib/api-client.js';
import { useToggleFlag } from '../api/toggle-flag.js';

export interface FlagToggleProps {
  readonly project: string;
  readonly flag: string;
  readonly env: { readonly key: string; readonly name: string };
  readonly state: { readonly on: boolean; readonly version: number } | undefined;
  readonly canWrite: boolean;
  /** Told what went wrong, for the page's status line. */
  readonly onProblem: (message: string) => void;
}

/** A flag's on/off switch in one environment; it shows the state the API confirmed, never a guess. */
export function FlagToggle({ project, flag, env, state, canWrite, onProblem }: FlagToggleProps) {
  const toggle = useToggleFlag();
  if (!state) return <span className="muted">—</span>;
  const change = (on: boolean) =>
    toggle.mutate(
      { project, flag, env: env.key, on, version: state.version },
      {
        onError: (error) =>
          onProblem(
            error instanceof ApiError && error.status === 409
              ? `Someone else changed ${flag} in ${env.name} just before you. The list now shows the current state; toggle again to apply yours.`
              : `Could not turn ${flag} ${on ? 'on' : 'off'} in ${env.name}: ${error.message}`,
          ),
      },
    );
  return (
    <>
      <Switch
        label={`${flag} in ${env.name}`}
        checked={state.on}
        onCheckedChange={change}
        disabled={!canWrite}
        busy={toggle.isPending}
        title={canWrite ? undefined : 'Your token’s role (reader) cannot change flags'}
      />
      {/* Not only colour: the state in words, which the switch already announces to screen readers. */}
      <span className="switch-state" aria-hidden="true">
        {state.on ? 'On' : 'Off'}
      </span>
    </>
  );
}
