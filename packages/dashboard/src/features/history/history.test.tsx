import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App.js';
import { ApiProvider } from '../../lib/api-context.js';
import { fakeApp } from '../../testing/fake-api.js';
import { flagEnvironment } from '../../testing/fixtures.js';
import { bodyOf, requestsTo, signedIn } from '../../testing/pages-fixture.js';
import type { Role } from '../auth/use-can.js';
import { restorePatch } from './api/restore-flag.js';
import { FlagHistory } from './components/FlagHistory.js';

/** A stored flag's targeting in one environment, as audit entries hold it (no `version` field). */
const targeting = (overrides: Record<string, unknown> = {}) => {
  const { version: _version, ...config } = flagEnvironment({ on: true, salt: 's' });
  return { key: 'checkout', ...config, variations: [true, false], deleted: false, ...overrides };
};

const rule = { id: 'r1', clauses: [{ attribute: 'country', op: 'in', values: ['NZ'] }], variation: 0 };

const entries = [
  {
    id: 'a2',
    project: 'web',
    time: '2026-11-26T10:05:00Z',
    actor: { id: 't9', name: 'release-bot' },
    action: 'update',
    resource: 'flag',
    key: 'checkout',
    env: 'production',
    comment: 'Turn off for NZ',
    before: targeting({ version: 5, rules: [rule] }),
    after: targeting({ version: 6, on: false, rules: [] }),
  },
  {
    id: 'a1',
    project: 'web',
    time: '2026-11-26T10:00:00Z',
    actor: { id: 't1', name: 'Dana' },
    action: 'update',
    resource: 'flag',
    key: 'checkout',
    env: 'production',
    before: targeting({ version: 4 }),
    after: targeting({ version: 5, rules: [rule] }),
  },
];

const { key: _key, variations: _variations, deleted: _deleted, ...current } = targeting({ on: false });
const currentFlag = {
  key: 'checkout',
  name: 'Checkout',
  environments: { production: { ...current, version: 6 } },
};

function open(role: Role, cursorPages = false) {
  const fake = fakeApp(
    signedIn(role, {
      'GET /api/v1/projects/web/audit': (_request, url) =>
        cursorPages && !url.searchParams.get('cursor')
          ? { items: entries.slice(0, 1), cursor: 'next' }
          : { items: cursorPages ? entries.slice(1) : entries },
      'GET /api/v1/projects/web/flags/checkout': () => currentFlag,
      'PATCH /api/v1/projects/web/flags/checkout': () => currentFlag,
    }),
    { path: '/projects/web/environments/production/history' },
  );
  render(<App {...fake.props} />);
  return fake;
}

describe('History', () => {
  it('lists who changed what, when and why, filtered to the environment, with the before/after diff', async () => {
    const fake = open('reader');
    const first = await screen.findByRole('listitem', { name: /release-bot updated flag checkout/ });
    expect(within(first).getByText('Turn off for NZ')).toBeInTheDocument();
    expect(within(first).getByRole('time')).toHaveAttribute('datetime', '2026-11-26T10:05:00Z');
    const audit = requestsTo(fake.requests, 'GET', '/api/v1/projects/web/audit')[0];
    expect(new URL(audit?.url as string).searchParams.get('env')).toBe('production');
    await userEvent.click(screen.getByLabelText('All environments'));
    await expect
      .poll(() => requestsTo(fake.requests, 'GET', '/api/v1/projects/web/audit').at(-1)?.url)
      .not.toContain('env=');

    await userEvent.click(within(first).getByText('Changes'));
    const diff = first.querySelector('.jsondiffpatch-delta') as HTMLElement;
    expect(diff).not.toBeNull();
    const on = diff.querySelector('[data-key="on"]') as HTMLElement;
    expect(on.className).toContain('jsondiffpatch-modified');
    expect(on.querySelector('.jsondiffpatch-left-value')).toHaveTextContent('true');
    expect(on.querySelector('.jsondiffpatch-right-value')).toHaveTextContent('false');
    expect(diff.querySelector('[data-key="rules"]')?.className).toContain('jsondiffpatch-node');
    expect(diff.querySelector('[data-key="version"]')).toBeNull();
  });

  it("links each flag to its flag page's History tab in the entry's environment", async () => {
    open('reader');
    const first = await screen.findByRole('listitem', { name: /release-bot/ });
    const link = within(first).getByRole('link', { name: 'checkout' });
    expect(link.getAttribute('href')).toBe(
      '/projects/web/environments/production/flags/checkout?tab=history',
    );
  });

  it('follows the cursor with "Load more"', async () => {
    const fake = open('reader', true);
    await screen.findByRole('listitem', { name: /release-bot/ });
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('listitem', { name: /Dana updated flag checkout/ })).toBeInTheDocument();
    // The shell's live poll reads the same path (`limit=1`); the log's pages ask for 25.
    const pages = requestsTo(fake.requests, 'GET', '/api/v1/projects/web/audit').filter(
      (r) => new URL(r.url).searchParams.get('limit') === '25',
    );
    const second = pages[1];
    expect(new URL(second?.url as string).searchParams.get('cursor')).toBe('next');
  });

  it('restores an earlier version as one JSON Patch with If-Match on the current version', async () => {
    const fake = open('writer');
    const newest = await screen.findByRole('listitem', { name: /release-bot updated flag checkout/ });
    expect(newest).toHaveAccessibleName(/version 6, current/);
    expect(within(newest).queryByRole('button', { name: /Restore/ })).toBeNull();
    const older = screen.getByRole('listitem', { name: /Dana updated flag checkout/ });
    await userEvent.click(
      within(older).getByRole('button', { name: 'Restore checkout in production to version 5' }),
    );
    const dialog = await screen.findByRole('alertdialog', { name: 'Restore checkout to version 5?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await screen.findByRole('listitem', { name: /release-bot/ });
    await expect
      .poll(() => requestsTo(fake.requests, 'PATCH', '/api/v1/projects/web/flags/checkout').length)
      .toBe(1);

    const [patch] = requestsTo(fake.requests, 'PATCH', '/api/v1/projects/web/flags/checkout');
    expect(new URL(patch?.url as string).searchParams.get('env')).toBe('production');
    expect(patch?.headers.get('if-match')).toBe('"6"');
    expect(await bodyOf(patch)).toEqual({
      comment: 'Restore to version 5',
      patch: [
        { op: 'replace', path: '/environments/production/on', value: true },
        { op: 'replace', path: '/environments/production/rules', value: [rule] },
      ],
    });
    await expect.poll(() => screen.queryByRole('alertdialog')).toBeNull();
  });

  it('keeps its filters in the URL, a browser history entry each, so Back restores the ones before', async () => {
    const fake = open('reader');
    await screen.findByRole('listitem', { name: /release-bot/ });
    await userEvent.click(screen.getByLabelText('All environments'));
    await waitFor(() => expect(fake.history.location.search).toBe('?all=true'));
    await userEvent.type(screen.getByLabelText('Flag key'), 'checkout');
    await waitFor(() => expect(fake.history.location.search).toBe('?all=true&flag=checkout'));
    fake.history.back();
    await waitFor(() => expect(screen.getByLabelText('Flag key')).toHaveValue(''));
    expect(screen.getByLabelText('All environments')).toBeChecked();
    fake.history.back();
    await waitFor(() => expect(screen.getByLabelText('All environments')).not.toBeChecked());
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fake.history.location.search).toBe('');
  });

  it('shows a reader no restore control', async () => {
    open('reader');
    await screen.findByRole('listitem', { name: /Dana/ });
    expect(screen.queryByRole('button', { name: /Restore/ })).toBeNull();
  });
});

describe('FlagHistory', () => {
  /** The History tab of `checkout` in staging, the API answering `items`. */
  function openFlagHistory(role: Role, items: object[]) {
    const fake = fakeApp(signedIn(role, { 'GET /api/v1/projects/web/audit': () => ({ items }) }));
    render(
      <ApiProvider client={fake.api}>
        <QueryClientProvider client={fake.queryClient}>
          <FlagHistory project="web" flag="checkout" env="staging" />
        </QueryClientProvider>
      </ApiProvider>,
    );
    return fake;
  }

  it('asks for one flag in one environment and shows the changes to the whole flag the API adds, such as its archiving', async () => {
    const archived = {
      id: 'a3',
      project: 'web',
      time: '2026-11-26T10:10:00Z',
      actor: { id: 't1', name: 'Dana' },
      action: 'update',
      resource: 'flag',
      key: 'checkout',
      comment: 'Archive it',
      before: { key: 'checkout', archived: false },
      after: { key: 'checkout', archived: true },
    };
    const staging = { ...entries[1], id: 'a0', env: 'staging', actor: { id: 't3', name: 'Sam' } };
    const fake = openFlagHistory('reader', [archived, staging]);
    expect(await screen.findByRole('region', { name: 'History of checkout' })).toBeInTheDocument();
    await screen.findByRole('listitem', { name: /Sam/ });
    expect(screen.getByRole('listitem', { name: /Dana/ })).toHaveTextContent('Archive it');
    const audit = requestsTo(fake.requests, 'GET', '/api/v1/projects/web/audit')[0];
    const query = new URL(audit?.url as string).searchParams;
    expect([query.get('flag'), query.get('env')]).toEqual(['checkout', 'staging']);
  });

  it('shows a flag’s creation once: the environment’s entry, not also the whole flag’s written with it', async () => {
    const creation = {
      project: 'web',
      time: '2026-11-26T09:00:00Z',
      actor: { id: 't1', name: 'Dana' },
      action: 'create',
      resource: 'flag',
      key: 'checkout',
    };
    const inStaging = { ...creation, id: 'c2', env: 'staging', after: targeting({ version: 1 }) };
    const whole = { ...creation, id: 'c1', after: { key: 'checkout', name: 'Checkout', version: 1 } };
    openFlagHistory('writer', [inStaging, whole]);
    const log = await screen.findByRole('list', { name: 'Changes' });
    const created = within(log).getAllByRole('listitem', { name: /created flag checkout/ });
    expect(created.map((item) => item.getAttribute('aria-labelledby'))).toEqual(['audit-c2']);
    expect(created[0]).toHaveAccessibleName('Dana created flag checkout in staging (version 1, current)');
  });
});

describe('restorePatch', () => {
  it('replaces only the targeting fields that differ, adds missing ones and removes absent ones', () => {
    expect(
      restorePatch(
        'prod/eu',
        { on: true, rules: [], offVariation: 1, salt: 'a' },
        { on: true, rules: [rule], salt: 'b', trackEvents: true },
      ),
    ).toEqual([
      { op: 'remove', path: '/environments/prod~1eu/offVariation' },
      { op: 'replace', path: '/environments/prod~1eu/rules', value: [rule] },
      { op: 'add', path: '/environments/prod~1eu/trackEvents', value: true },
    ]);
  });

  it('is empty when the targeting already matches', () => {
    expect(restorePatch('production', targeting({ version: 3 }), targeting({ version: 9 }))).toEqual([]);
  });
});
