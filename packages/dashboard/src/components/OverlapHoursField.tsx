import { useId } from 'react';
import { decimalNumber } from '../lib/decimal.js';

/** The API's longest rotation overlap: 30 days. */
const MAX_OVERLAP_HOURS = 24 * 30;

/**
 * The hours typed in an {@link OverlapHoursField}. Throws, saying what to enter, for an empty field or
 * anything but a number from 0 to 720: an empty field must never read as 0, which revokes at once.
 *
 * @example
 * overlapHours('24'); // 24
 * overlapHours('');   // throws
 */
export function overlapHours(value: string): number {
  const hours = decimalNumber(value);
  if (hours === undefined || hours < 0 || hours > MAX_OVERLAP_HOURS) {
    throw new Error(`Enter the hours the current secret keeps working: 0 to ${MAX_OVERLAP_HOURS}.`);
  }
  return hours;
}

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
        step="any"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </p>
  );
}
