import { useId } from 'react';

/** The API's longest rotation overlap: 30 days. */
const MAX_OVERLAP_HOURS = 24 * 30;

/**
 * The hours a rotated secret keeps working, as the rotate dialogs ask for it.
 *
 * @example
 * <OverlapHoursField label="Hours the current key keeps working (0 revokes it now)" value={hours} onChange={setHours} />
 */
export function OverlapHoursField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <p className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={0}
        max={MAX_OVERLAP_HOURS}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </p>
  );
}
