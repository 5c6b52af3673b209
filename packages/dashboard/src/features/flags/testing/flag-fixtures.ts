import { flagEnvironment } from '../../../testing/fixtures.js';
import type { Flag } from '../model/types.js';

export { flagEnvironment };

/**
 * The flag `checkout` of project `web`, boolean, configured in production (version 3, one rule `r1`
 * serving `true` to Germans) and staging (version 7), at project version 2.
 *
 * @example
 * const flag = checkoutFlag({ tags: ['payments'] });
 */
export const checkoutFlag = (overrides: Partial<Flag> = {}): Flag => ({
  key: 'checkout',
  name: 'New checkout',
  description: 'The redesigned checkout',
  tags: ['payments'],
  kind: 'release',
  temporary: true,
  variations: [
    { value: true, name: 'Enabled' },
    { value: false, name: 'Disabled' },
  ],
  clientSideAvailability: { usingEnvironmentId: false, usingMobileKey: false },
  maintainer: null,
  archived: false,
  version: 2,
  createdAt: '2026-01-01T00:00:00Z',
  lastEvaluated: {},
  environments: {
    production: flagEnvironment({
      rules: [
        {
          id: 'r1',
          description: 'Germany',
          clauses: [{ contextKind: 'user', attribute: 'country', op: 'in', values: ['DE'] }],
          variation: 0,
        },
      ],
    }),
    staging: flagEnvironment({ on: true, version: 7 }),
  },
  ...overrides,
});
