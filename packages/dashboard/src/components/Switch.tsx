import * as RadixSwitch from '@radix-ui/react-switch';

export interface SwitchProps {
  readonly checked: boolean;
  readonly onCheckedChange: (checked: boolean) => void;
  /** The accessible name: what the switch turns on or off. */
  readonly label: string;
  readonly disabled?: boolean;
  /** True while a change is being saved: the switch is busy and ignores clicks. */
  readonly busy?: boolean;
  readonly title?: string;
}

/**
 * An on/off switch (`role="switch"`, Space and Enter toggle it), from Radix's accessible primitive.
 *
 * @example
 * <Switch label="checkout in Production" checked={on} onCheckedChange={setOn} />
 */
export function Switch({ checked, onCheckedChange, label, disabled, busy, title }: SwitchProps) {
  return (
    <RadixSwitch.Root
      className="switch"
      checked={checked}
      onCheckedChange={onCheckedChange}
      disabled={disabled || busy}
      aria-label={label}
      aria-busy={busy || undefined}
      title={title}
    >
      <RadixSwitch.Thumb className="switch-thumb" />
    </RadixSwitch.Root>
  );
}
