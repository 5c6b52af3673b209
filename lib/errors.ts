/**
 * Thrown while a construct is validated, before it creates anything, when its declarations or props
 * do not fit together (a route naming an undeclared function, a duplicate table, a bad origin).
 *
 * @example
 * ```ts
 * expect(() => new HttpApi(stack, 'Http', { functions, routes })).toThrow(TopologyError);
 * ```
 */
export class TopologyError extends Error {
  override readonly name = 'TopologyError';
}

/**
 * Thrown while the stack's assets are bundled when the dashboard cannot be built: the build command
 * failed or produced no `index.html`.
 *
 * @example
 * ```ts
 * expect(() => buildDashboard({ sourceDir, command: ['false'] }, appDir)).toThrow(DashboardBuildError);
 * ```
 */
export class DashboardBuildError extends Error {
  override readonly name = 'DashboardBuildError';
}
