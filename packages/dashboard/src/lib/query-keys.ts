/**
 * Every query key of the app, in one hierarchy, so live updates and mutations invalidate by prefix:
 * `projectKeys.flags(p)` covers every flag list, flag and flag picker of project `p`. Fixed segments
 * (`list`, `detail`, `choices`) come before any user-chosen key, so a flag named `list` cannot collide.
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
  allFlagChoices: (project: string) => ['projects', project, 'flags', 'choices'] as const,
  /** Flags matching a search, for pickers (prerequisites, the insights page's flag). */
  flagChoices: (project: string, query: object) => ['projects', project, 'flags', 'choices', query] as const,
  /** Everything about the segments of a project; `segments(p, env)` for one environment. */
  allSegments: (project: string) => ['projects', project, 'segments'] as const,
  segments: (project: string, env: string) => ['projects', project, 'segments', env] as const,
  segmentList: (project: string, env: string) => ['projects', project, 'segments', env, 'list'] as const,
  segmentChoices: (project: string, env: string) =>
    ['projects', project, 'segments', env, 'choices'] as const,
  /** Derived from the flags' targeting, so it sits under the flags too: a flag change refreshes it. */
  allSegmentUsage: (project: string) => ['projects', project, 'flags', 'segment-usage'] as const,
  segmentUsage: (project: string, env: string) =>
    ['projects', project, 'flags', 'segment-usage', env] as const,
  insights: (project: string, env: string, flag: string, range: object) =>
    ['projects', project, 'insights', env, flag, range] as const,
  /** Custom events of an environment: its keys in a range, or one key's series. */
  events: (project: string, env: string, query: object) =>
    ['projects', project, 'events', env, query] as const,
  audit: (project: string) => ['projects', project, 'audit'] as const,
  auditLog: (project: string, filter: object) => ['projects', project, 'audit', filter] as const,
  /** The newest audit entry, polled to notice changes made elsewhere. */
  live: (project: string) => ['projects', project, 'live'] as const,
};

/** Keys outside any project. */
export const accountKeys = {
  me: ['me'] as const,
  tokens: ['tokens'] as const,
  /** The global audit log; under `tokens`, so token changes refresh it. */
  tokenAudit: ['tokens', 'audit'] as const,
};
