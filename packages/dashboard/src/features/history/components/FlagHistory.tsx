import { AuditLog } from './AuditLog.js';

/**
 * One flag's history in one environment, for the flag page to embed as a tab; each change has its diff
 * and, for writers, "Restore this version". Changes to the whole flag (archiving, name, variations)
 * carry no environment, and the API's `env` filter leaves them out, so this asks for the flag's
 * entries and keeps those of this environment and of none.
 *
 * @example
 * <FlagHistory project="web" flag="new-checkout" env="production" />
 */
export function FlagHistory({ project, flag, env }: { project: string; flag: string; env: string }) {
  return (
    <section aria-label={`History of ${flag}`}>
      <AuditLog
        project={project}
        filter={{ flag }}
        keep={(entry) => entry.env === undefined || entry.env === env}
      />
    </section>
  );
}
