/**
 * Every query key of the app, in one hierarchy, so live updates and mutations invalidate by prefix:
 * `projectKeys.flags(p)` covers every flag list and flag of project `p`.
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: projectKeys.flagLists('web') });
 */
export const projectKeys = {
  all: ['projects'] as const,
  project: (project: string) => ['projects', project] as const,
  environments: (project: string) => ['projects', project, 'environments'] as const,
  flags: (project: string) => ['projects', project, 'flags'] as const,
  flagLists: (project: string) => ['projects', project, 'flags', 'list'] as const,
  flagList: (project: string, filters: object) => ['projects', project, 'flags', 'list', filters] as const,
  flag: (project: string, flag: string) => ['projects', project, 'flags', 'detail', flag] as const,
  segments: (project: string, env: string) => ['projects', project, 'segments', env] as const,
  audit: (project: string) => ['projects', project, 'audit'] as const,
  /** The newest audit entry, polled to notice changes made elsewhere. */
  live: (project: string) => ['projects', project, 'live'] as const,
};
