import { AuditLog } from './AuditLog.js';

/**
 * One flag's history in one environment, for the flag page to embed as a tab; each change has its diff
 * and, for writers, "Restore this version". With the environment the API also lists the changes to
 * the whole flag (archiving, name, variations), which hold in every environment.
 *
 * @example
 * <FlagHistory project="web" flag="new-checkout" env="production" />
 */
export function FlagHistory({ project, flag, env }: { project: string; flag: string; env: string }) {
  return (
    <section aria-label={`History of ${flag}`}>
      <AuditLog project={project} filter={{ flag, env }} />
    </section>
  );
}
