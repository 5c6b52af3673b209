import { z } from 'zod';
import { ValidationError } from '../errors.js';

type Path = readonly PropertyKey[];

/** Formats a path as the API names fields: `environments.production.rules[1].rollout`. */
export function fieldPath(path: Path): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out ? `${out}.${String(part)}` : String(part);
  }, '');
}

export function joinField(prefix: string | undefined, field: string): string {
  if (!prefix) return field;
  if (!field) return prefix;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

function describeIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  if (issue.code === 'unrecognized_keys') {
    const field = fieldPath([...issue.path, issue.keys[0] ?? '']);
    return { field, message: `unknown field "${issue.keys.join('", "')}"` };
  }
  return { field: fieldPath(issue.path), message: issue.message };
}

/**
 * Parses `value` with `schema` or throws a `ValidationError` naming the first offending field,
 * prefixed with `prefix` when the value sits inside a larger document.
 */
export function parseWith<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  prefix?: string,
): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (!first) throw new ValidationError('Invalid input', prefix);
  const { field, message } = describeIssue(first);
  const named = joinField(prefix, field);
  throw new ValidationError(named ? `${named}: ${message}` : message, named || undefined);
}
