import type { Role } from '@switchboard/topology';
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors.js';
import { assertTokenAllows } from './auth-service.js';
import type { TokenRecord } from './ports.js';

const globalWriter: TokenRecord = { id: 'g', name: 'global', role: 'writer' };
const scoped: TokenRecord = { id: 's', name: 'ci', projects: { checkout: 'writer', search: 'reader' } };

type Case = [what: string, token: TokenRecord, role: Role, project: string | undefined, anyScope: boolean];

describe('assertTokenAllows', () => {
  describe.each<Case>([
    ['a global role on a project route', globalWriter, 'writer', 'billing', false],
    ['a global role on a global route', globalWriter, 'reader', undefined, false],
    ['a scoped role in its project', scoped, 'writer', 'checkout', false],
    ['a lower need in its project', scoped, 'reader', 'checkout', false],
    ['a scoped token on an any-scope route', scoped, 'writer', undefined, true],
  ])('allows %s', (_what, token, role, project, anyScope) => {
    it('without throwing', () => {
      expect(() =>
        assertTokenAllows(token, { kind: 'apiToken', role, ...(anyScope ? { anyScope } : {}) }, project),
      ).not.toThrow();
    });
  });

  describe.each<[...Case, message: RegExp]>([
    [
      'a global role too low',
      globalWriter,
      'admin',
      'checkout',
      false,
      /needs the admin role; the token has writer/,
    ],
    ['a project outside the scope', scoped, 'reader', 'billing', false, /no role in project "billing"/],
    ['a role too low in the project', scoped, 'writer', 'search', false, /writer role in project "search"/],
    [
      'a global route',
      scoped,
      'reader',
      undefined,
      false,
      /global reader role; the token is scoped to projects checkout, search/,
    ],
    [
      'an any-scope route above its best role',
      scoped,
      'admin',
      undefined,
      true,
      /needs the admin role; the token has writer/,
    ],
    [
      'an inherited property as a project',
      scoped,
      'reader',
      'toString',
      false,
      /no role in project "toString"/,
    ],
  ])('refuses %s', (_what, token, role, project, anyScope, message) => {
    it('with ForbiddenError', () => {
      const check = () =>
        assertTokenAllows(token, { kind: 'apiToken', role, ...(anyScope ? { anyScope } : {}) }, project);
      expect(check).toThrow(ForbiddenError);
      expect(check).toThrow(message);
    });
  });
});
