import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App.js';
import { apiError, fakeApp } from '../../testing/fake-api.js';
import { bodyOf, requestsTo, signedIn } from '../../testing/pages-fixture.js';
import { draftStorage } from '../flags/model/draft-storage.js';
import { checkoutFlag } from '../flags/testing/flag-fixtures.js';

const envPath = '/api/v1/projects/web/environments';

const CREATED = '2026-01-01T00:00:00Z';

/** An environment as listed, with SDK keys ending in `last4s`. */
const listed = (key: string, name: string, last4s: string[]) => ({
  key,
  name,
  color: '#d7263d',
  clientSideId: `cs-${key}`,
  version: 1,
  createdAt: CREATED,
  sdkKeys: last4s.map((last4) => ({ id: `k-${last4}`, last4, createdAt: CREATED })),
});

/** Environments and keys over a fake API that keeps its environments (`state.environments`). */
function openEnvironments(role: Parameters<typeof signedIn>[0]) {
  const state = {
    environments: [listed('production', 'Production', ['ab12']), listed('staging', 'Staging', ['cd34'])],
  };
  const without = (key: string) => {
    state.environments = state.environments.filter((e) => e.key !== key);
    return new Response(null, { status: 204 });
  };
  const fake = fakeApp(
    signedIn(role, {
      [`GET ${envPath}`]: () => ({ items: state.environments }),
      [`POST ${envPath}/production/keys/rotate`]: () => {
        const rotated = { ...listed('production', 'Production', ['-key']), version: 2 };
        state.environments = state.environments.map((e) => (e.key === 'production' ? rotated : e));
        return { ...rotated, sdkKey: 'sdk-new-secret-key' };
      },
      [`DELETE ${envPath}/staging`]: () => without('staging'),
      [`DELETE ${envPath}/production`]: () => without('production'),
      [`PATCH ${envPath}/staging`]: async (request) => ({
        key: 'staging',
        ...((await bodyOf(request)) as object),
      }),
      [`PATCH ${envPath}/production`]: () =>
        apiError(409, 'conflict', 'Version 1 is stale; the current version is 2'),
      [`POST ${envPath}`]: async (request) => {
        const body = (await bodyOf(request)) as { key: string; name: string };
        if (body.key === 'production')
          return apiError(409, 'conflict', 'Environment "production" already exists');
        const created = { ...listed(body.key, body.name, ['once']), ...body };
        state.environments = [...state.environments, created];
        return { ...created, sdkKey: 'sdk-qa-once' };
      },
    }),
    { path: '/projects/web/settings/environments' },
  );
  render(<App {...fake.props} />);
  return { ...fake, state };
}

/** The rotate dialog of Production's SDK key, opened by an admin. */
async function openRotation() {
  const user = userEvent.setup();
  const fake = openEnvironments('admin');
  await user.click(await screen.findByRole('button', { name: 'Rotate SDK key of Production' }));
  const dialog = await screen.findByRole('alertdialog', { name: 'Rotate the SDK key of Production?' });
  const hours = within(dialog).getByLabelText(/Hours the current key keeps working/);
  return { user, fake, dialog, hours };
}

describe('Environments and keys', () => {
  it('names its table apart from the page, so no two landmarks share a name', async () => {
    openEnvironments('reader');
    await screen.findByRole('button', { name: 'Copy client-side ID of Staging' });
    expect(screen.getAllByRole('region', { name: 'Environments and keys' })).toHaveLength(1);
  });

  it('copies a client-side ID', async () => {
    const user = userEvent.setup();
    openEnvironments('reader');
    await user.click(await screen.findByRole('button', { name: 'Copy client-side ID of Staging' }));
    expect(await navigator.clipboard.readText()).toBe('cs-staging');
    expect(screen.getAllByRole('status').some((s) => s.textContent === 'Copied')).toBe(true);
  });

  it.each([
    ['an empty overlap', ''],
    ['an overlap past 30 days', '721'],
  ])('never reads %s as "revoke now": it asks for the hours and sends nothing', async (_name, typed) => {
    const { user, fake, dialog, hours } = await openRotation();
    await user.clear(hours);
    if (typed) await user.type(hours, typed);
    await user.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    expect(
      await within(dialog).findByText(/Enter the hours the current secret keeps working: 0 to 720/),
    ).toBeInTheDocument();
    expect(requestsTo(fake.requests, 'POST', `${envPath}/production/keys/rotate`)).toHaveLength(0);
  });

  it('rotates the SDK key with the chosen overlap and shows the new key once', async () => {
    const { user, fake, dialog, hours } = await openRotation();
    await user.clear(hours);
    await user.type(hours, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    const secret = await screen.findByRole('region', { name: 'New SDK key of Production' });
    expect(secret).toHaveTextContent('sdk-new-secret-key');
    expect(secret).toHaveTextContent('it will not be shown again');
    expect(await bodyOf(requestsTo(fake.requests, 'POST', `${envPath}/production/keys/rotate`)[0])).toEqual({
      expiryHours: 2,
    });
    await user.click(within(secret).getByRole('button', { name: 'Copy SDK key of Production' }));
    expect(await navigator.clipboard.readText()).toBe('sdk-new-secret-key');
    // The list is refetched after the rotation; the secret is not part of it.
    expect(screen.getAllByText('sdk-new-secret-key')).toHaveLength(1);
  });

  it('deletes an environment only after its key is typed', async () => {
    const user = userEvent.setup();
    const fake = openEnvironments('admin');
    await user.click(await screen.findByRole('button', { name: 'Delete Staging' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete Staging?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete environment' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/Type staging to confirm/), 'staging');
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    await expect.poll(() => requestsTo(fake.requests, 'DELETE', `${envPath}/staging`).length).toBe(1);
  });

  it('creates an environment, showing the API’s refusal, then its SDK key once', async () => {
    const user = userEvent.setup();
    const fake = openEnvironments('admin');
    await user.click(await screen.findByRole('button', { name: 'New environment' }));
    const dialog = await screen.findByRole('dialog', { name: 'New environment' });
    await user.type(within(dialog).getByLabelText('Name'), 'QA');
    // The key follows the name until typed over.
    expect(within(dialog).getByLabelText('Key')).toHaveValue('qa');
    await user.clear(within(dialog).getByLabelText('Key'));
    await user.type(within(dialog).getByLabelText('Key'), 'production');
    await user.click(within(dialog).getByRole('button', { name: 'Create environment' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('already exists');
    await user.clear(within(dialog).getByLabelText('Key'));
    await user.type(within(dialog).getByLabelText('Key'), 'qa');
    await user.click(within(dialog).getByRole('button', { name: 'Create environment' }));
    expect(await screen.findByRole('region', { name: 'New SDK key of QA' })).toHaveTextContent('sdk-qa-once');
    expect(await bodyOf(requestsTo(fake.requests, 'POST', envPath)[1])).toEqual({
      key: 'qa',
      name: 'QA',
      color: '#3366ff',
    });
  });

  it('renames an environment and changes its colour with If-Match, sending only what changed', async () => {
    const user = userEvent.setup();
    const fake = openEnvironments('writer');
    await user.click(await screen.findByRole('button', { name: 'Edit Staging' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Staging' });
    expect(within(dialog).getByLabelText('Name')).toHaveValue('Staging');
    expect(within(dialog).getByLabelText('Colour')).toHaveValue('#d7263d');
    await user.clear(within(dialog).getByLabelText('Name'));
    await user.type(within(dialog).getByLabelText('Name'), 'Pre-production');
    fireEvent.input(within(dialog).getByLabelText('Colour'), { target: { value: '#00aa00' } });
    await user.click(within(dialog).getByRole('button', { name: 'Save environment' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const [patch] = requestsTo(fake.requests, 'PATCH', `${envPath}/staging`);
    expect(patch?.headers.get('if-match')).toBe('1');
    expect(await bodyOf(patch)).toEqual({
      instructions: [
        { kind: 'updateName', value: 'Pre-production' },
        { kind: 'updateColor', value: '#00aa00' },
      ],
    });
  });

  it('keeps the edit dialog open with the API’s refusal', async () => {
    const user = userEvent.setup();
    openEnvironments('writer');
    await user.click(await screen.findByRole('button', { name: 'Edit Production' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Production' });
    await user.type(within(dialog).getByLabelText('Name'), ' EU');
    await user.click(within(dialog).getByRole('button', { name: 'Save environment' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Version 1 is stale');
  });

  it('closes a new SDK key’s panel once its environment is deleted', async () => {
    const { user, dialog } = await openRotation();
    await user.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    await screen.findByRole('region', { name: 'New SDK key of Production' });
    await user.click(screen.getByRole('button', { name: 'Delete Production' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete Production?' });
    await user.type(within(confirm).getByLabelText(/Type production to confirm/), 'production');
    await user.click(within(confirm).getByRole('button', { name: 'Delete environment' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'New SDK key of Production' })).toBeNull(),
    );
  });

  it('closes a new SDK key’s panel once the key is revoked elsewhere', async () => {
    const { user, dialog, fake } = await openRotation();
    await user.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    await screen.findByRole('region', { name: 'New SDK key of Production' });
    // Another admin rotated again with no overlap: the key shown is gone from the list.
    fake.state.environments = [
      listed('production', 'Production', ['ef56']),
      listed('staging', 'Staging', []),
    ];
    await fake.queryClient.invalidateQueries();
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'New SDK key of Production' })).toBeNull(),
    );
  });

  it('shows a reader no create, edit, rotate or delete control', async () => {
    openEnvironments('reader');
    await screen.findByRole('button', { name: 'Copy client-side ID of Production' });
    expect(screen.queryByRole('button', { name: /New environment|Edit|Rotate|Delete/ })).toBeNull();
  });

  it('gates controls by a project-scoped token’s role in the project shown', async () => {
    openEnvironments({ projects: { web: 'admin' } });
    expect(await screen.findByRole('button', { name: 'New environment' })).toBeInTheDocument();
    expect(screen.getByText('admin in web')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'API tokens' })).toBeNull();
  });

  it('shows a token that is admin only elsewhere no control here', async () => {
    openEnvironments({ projects: { web: 'reader', api: 'admin' } });
    await screen.findByRole('button', { name: 'Copy client-side ID of Production' });
    expect(screen.getByText('reader in web')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /New environment|Rotate|Delete/ })).toBeNull();
  });
});

describe('API tokens', () => {
  const tokens = [
    { id: 'tok1', name: 'CI', role: 'writer', createdAt: '2026-01-01T00:00:00Z' },
    {
      id: 'tok4',
      name: 'Checkout CI',
      projects: { web: 'writer', api: 'reader' },
      createdAt: '2026-01-01T00:00:00Z',
      expiresAt: '2099-01-01T00:00:00Z',
    },
    {
      id: 'tok5',
      name: 'Lapsed',
      role: 'reader',
      createdAt: '2026-01-01T00:00:00Z',
      expiresAt: '2026-01-02T00:00:00Z',
    },
    {
      id: 'tok2',
      name: 'Old',
      role: 'reader',
      createdAt: '2026-01-01T00:00:00Z',
      revokedAt: '2026-02-01T00:00:00Z',
    },
  ];

  function openTokens() {
    const revoked = new Set<string>();
    const revoke = (id: string) => () => {
      revoked.add(id);
      return new Response(null, { status: 204 });
    };
    const fake = fakeApp(
      signedIn('admin', {
        'GET /api/v1/tokens': () => ({
          items: tokens.map((t) => (revoked.has(t.id) ? { ...t, revokedAt: '2026-03-01T00:00:00Z' } : t)),
        }),
        'POST /api/v1/tokens': async (request) => ({
          id: 'tok3',
          createdAt: '2026-03-01T00:00:00Z',
          token: 'sbt_secret_once',
          ...((await bodyOf(request)) as object),
        }),
        'DELETE /api/v1/tokens/tok1': revoke('tok1'),
        'DELETE /api/v1/tokens/tok4': revoke('tok4'),
        'GET /api/v1/audit': () => ({
          items: [
            {
              id: 'a2',
              time: '2026-02-01T00:00:00Z',
              actor: { id: 'tok0', name: 'bootstrap-admin' },
              action: 'revoke',
              resource: 'token',
              key: 'tok2',
              before: { name: 'Old', role: 'reader' },
            },
            {
              id: 'a1',
              time: '2026-01-01T00:00:00Z',
              actor: { id: 'system', name: 'system' },
              action: 'create',
              resource: 'token',
              key: 'tok0',
              after: { name: 'bootstrap-admin', role: 'admin' },
            },
          ],
        }),
        'POST /api/v1/tokens/tok4/rotate': () => ({ ...tokens[1], token: 'sbt_rotated_once' }),
      }),
      { path: '/settings/tokens' },
    );
    render(<App {...fake.props} />);
    return fake;
  }

  it('names its table apart from the page, so no two landmarks share a name', async () => {
    openTokens();
    await screen.findByRole('row', { name: /Checkout CI/ });
    expect(screen.getAllByRole('region', { name: 'API tokens' })).toHaveLength(1);
  });

  it('creates a token with a role and shows it once with a copy button', async () => {
    const user = userEvent.setup();
    const fake = openTokens();
    await user.click(await screen.findByRole('button', { name: 'New token' }));
    const dialog = await screen.findByRole('dialog', { name: 'New API token' });
    await user.type(within(dialog).getByLabelText('Name'), 'Deploy');
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'writer');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    const secret = await screen.findByRole('region', { name: 'New API token Deploy' });
    expect(secret).toHaveTextContent('sbt_secret_once');
    expect(await bodyOf(requestsTo(fake.requests, 'POST', '/api/v1/tokens')[0])).toEqual({
      name: 'Deploy',
      role: 'writer',
    });
  });

  it('creates a project-scoped token with an expiry', async () => {
    const user = userEvent.setup();
    const fake = openTokens();
    await user.click(await screen.findByRole('button', { name: 'New token' }));
    const dialog = await screen.findByRole('dialog', { name: 'New API token' });
    await user.type(within(dialog).getByLabelText('Name'), 'Web CI');
    await user.click(within(dialog).getByRole('radio', { name: 'Chosen projects' }));
    expect(within(dialog).queryByLabelText('Role')).toBeNull();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Role in Web' }), 'writer');
    await user.type(within(dialog).getByLabelText(/Expires after/), '30');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(await screen.findByRole('region', { name: 'New API token Web CI' })).toHaveTextContent(
      'sbt_secret_once',
    );
    expect(await bodyOf(requestsTo(fake.requests, 'POST', '/api/v1/tokens')[0])).toEqual({
      name: 'Web CI',
      projects: { web: 'writer' },
      expiresInDays: 30,
    });
  });

  it('shows each token’s scope and expiry', async () => {
    openTokens();
    const scoped = await screen.findByRole('row', { name: /Checkout CI/ });
    expect(scoped).toHaveTextContent('web: writer, api: reader');
    expect(scoped).toHaveTextContent('2099');
    expect(screen.getByRole('row', { name: /^CI/ })).toHaveTextContent('writer, all projects');
    expect(screen.getByRole('row', { name: /^CI/ })).toHaveTextContent('Never');
    const lapsed = screen.getByRole('row', { name: /Lapsed/ });
    expect(lapsed).toHaveTextContent('Expired');
    expect(within(lapsed).queryByRole('button')).toBeNull();
  });

  it('rotates a token with an overlap and shows the new secret once', async () => {
    const user = userEvent.setup();
    const fake = openTokens();
    await user.click(await screen.findByRole('button', { name: 'Rotate Checkout CI' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Rotate Checkout CI?' });
    const hours = within(dialog).getByLabelText(/Hours the current secret keeps working/);
    await user.clear(hours);
    await user.type(hours, '3');
    await user.click(within(dialog).getByRole('button', { name: 'Rotate token' }));
    const secret = await screen.findByRole('region', { name: 'New secret of Checkout CI' });
    expect(secret).toHaveTextContent('sbt_rotated_once');
    expect(await bodyOf(requestsTo(fake.requests, 'POST', '/api/v1/tokens/tok4/rotate')[0])).toEqual({
      expiryHours: 3,
    });
  });

  it('closes a new secret’s panel once its token is revoked', async () => {
    const user = userEvent.setup();
    openTokens();
    await user.click(await screen.findByRole('button', { name: 'Rotate Checkout CI' }));
    const rotate = await screen.findByRole('alertdialog', { name: 'Rotate Checkout CI?' });
    await user.click(within(rotate).getByRole('button', { name: 'Rotate token' }));
    await screen.findByRole('region', { name: 'New secret of Checkout CI' });
    await user.click(screen.getByRole('button', { name: 'Revoke Checkout CI' }));
    const revoke = await screen.findByRole('alertdialog', { name: 'Revoke Checkout CI?' });
    await user.click(within(revoke).getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByRole('row', { name: /Checkout CI/ })).toHaveTextContent('Revoked');
    expect(screen.queryByRole('region', { name: 'New secret of Checkout CI' })).toBeNull();
  });

  it('shows who created, rotated and revoked which token', async () => {
    openTokens();
    const history = await screen.findByRole('list', { name: 'Token history' });
    const items = within(history).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringMatching(/^bootstrap-admin revoked Old /),
      expect.stringMatching(/^system created bootstrap-admin /),
    ]);
  });

  it('revokes a token after confirmation and shows revoked ones without the control', async () => {
    const user = userEvent.setup();
    const fake = openTokens();
    expect(await screen.findByRole('row', { name: /Old reader/ })).toHaveTextContent('Revoked');
    expect(screen.queryByRole('button', { name: 'Revoke Old' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Revoke CI' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Revoke CI?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    await expect.poll(() => requestsTo(fake.requests, 'DELETE', '/api/v1/tokens/tok1').length).toBe(1);
  });

  it.each(['reader', 'writer'] as const)('shows a %s token "Not allowed" once', async (role) => {
    const fake = fakeApp(
      signedIn(role, {
        'GET /api/v1/tokens': () => apiError(403, 'forbidden'),
        'GET /api/v1/audit': () => apiError(403, 'forbidden'),
      }),
      { path: '/settings/tokens' },
    );
    render(<App {...fake.props} />);
    await screen.findAllByRole('heading', { name: 'Not allowed' });
    // Once nothing is loading any more, every part of the page has had its answer.
    await waitFor(() => expect(screen.queryByText(/^Loading/)).toBeNull());
    expect(screen.getAllByRole('heading', { name: 'Not allowed' })).toHaveLength(1);
    expect(screen.queryByRole('heading', { name: 'History' })).toBeNull();
  });
});

describe('new project', () => {
  const project = { key: 'mobile-app', name: 'Mobile app', description: '', tags: [], version: 1 };
  const created = { ...project, createdAt: '2026-01-01T00:00:00Z' };

  function freshInstallation(role: Parameters<typeof signedIn>[0], environmentFails = false) {
    const projects: object[] = [];
    const environments: object[] = [];
    const fake = fakeApp(
      signedIn(role, {
        'GET /api/v1/projects': () => ({ items: projects }),
        'POST /api/v1/projects': async (request) => {
          projects.push({ ...((await bodyOf(request)) as object), ...created });
          return created;
        },
        'GET /api/v1/projects/mobile-app/environments': () => ({ items: environments }),
        'POST /api/v1/projects/mobile-app/environments': async (request) => {
          const body = (await bodyOf(request)) as { key: string; name: string };
          if (environmentFails && body.key === 'test') return apiError(503, 'unavailable', 'Try again');
          const environment = {
            ...body,
            clientSideId: `cs-${body.key}`,
            version: 1,
            createdAt: '2026-01-01T00:00:00Z',
            sdkKeys: [],
            sdkKey: 'once',
          };
          environments.push(environment);
          return environment;
        },
        'GET /api/v1/projects/mobile-app/flags': () => ({ items: [] }),
        'GET /api/v1/projects/mobile-app/audit': () => ({ items: [] }),
      }),
    );
    render(<App {...fake.props} />);
    return fake;
  }

  async function createProject() {
    await userEvent.click(await screen.findByRole('button', { name: 'New project' }));
    const dialog = await screen.findByRole('dialog', { name: 'New project' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Mobile app');
    expect(within(dialog).getByLabelText('Key')).toHaveValue('mobile-app');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));
    return dialog;
  }

  it('creates the first project with Production and Test, and opens its flag list', async () => {
    const fake = freshInstallation('admin');
    expect(await screen.findByText(/Create the first project with “New project”/)).toBeInTheDocument();
    await createProject();
    await screen.findByRole('heading', { name: 'Flags' });
    expect(fake.history.location.pathname).toBe('/projects/mobile-app/environments/production/flags');
    expect(await bodyOf(requestsTo(fake.requests, 'POST', '/api/v1/projects')[0])).toEqual({
      key: 'mobile-app',
      name: 'Mobile app',
    });
    const environments = requestsTo(fake.requests, 'POST', '/api/v1/projects/mobile-app/environments');
    expect(await Promise.all(environments.map((r) => bodyOf(r)))).toEqual([
      { key: 'production', name: 'Production', color: '#3366ff' },
      { key: 'test', name: 'Test', color: '#2e9e5b' },
    ]);
  });

  it('says which environment failed, with the project created and listed', async () => {
    const fake = freshInstallation('admin', true);
    const dialog = await createProject();
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Mobile app was created, but not its Test environment (Try again); create it under Environments and keys.',
    );
    // Behind the open dialog (hidden from the accessibility tree while it is open), the switcher lists it.
    expect(await screen.findByRole('option', { name: 'Mobile app', hidden: true })).toBeInTheDocument();
    expect(requestsTo(fake.requests, 'POST', '/api/v1/projects')).toHaveLength(1);
  });

  it('tells a token that cannot create projects who can', async () => {
    freshInstallation('writer');
    expect(await screen.findByText(/A global admin creates projects/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New project' })).toBeNull();
  });
});

describe('project settings', () => {
  const shop = { key: 'shop', name: 'Shop', description: '', tags: [], version: 1, createdAt: CREATED };

  function openProject(role: Parameters<typeof signedIn>[0], others: (typeof shop)[] = []) {
    let projects = [
      { key: 'web', name: 'Web', description: '', tags: [], version: 4, createdAt: '2026-01-01T00:00:00Z' },
      ...others,
    ];
    const fake = fakeApp(
      signedIn(role, {
        'GET /api/v1/projects': () => ({ items: projects }),
        'GET /api/v1/projects/shop/environments': () => ({
          items: [{ key: 'live', name: 'Live', color: '#3366ff', version: 1, createdAt: CREATED }],
        }),
        'PATCH /api/v1/projects/web': () => ({ ...projects[0], name: 'Web shop', version: 5 }),
        'DELETE /api/v1/projects/web': () => {
          projects = others;
          return new Response(null, { status: 204 });
        },
      }),
      { path: '/projects/web/settings' },
    );
    render(<App {...fake.props} />);
    return fake;
  }

  it('renames the project with If-Match', async () => {
    const user = userEvent.setup();
    const fake = openProject('writer');
    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename Web' });
    await user.clear(within(dialog).getByLabelText('Name'));
    await user.type(within(dialog).getByLabelText('Name'), 'Web shop');
    await user.click(within(dialog).getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const [patch] = requestsTo(fake.requests, 'PATCH', '/api/v1/projects/web');
    expect(patch?.headers.get('if-match')).toBe('4');
    expect(await bodyOf(patch)).toEqual({ instructions: [{ kind: 'updateName', value: 'Web shop' }] });
  });

  it('deletes the project after its key is typed, saying what goes with it, and leaves it', async () => {
    const user = userEvent.setup();
    const fake = openProject('admin');
    const drafts = draftStorage(window.localStorage);
    drafts.save('web', 'checkout', 'production', { base: checkoutFlag(), changes: [{ kind: 'turnFlagOn' }] });
    await user.click(await screen.findByRole('button', { name: 'Delete this project' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete project Web?' });
    expect(dialog).toHaveTextContent('its 2 environments (Production, Staging)');
    const confirm = within(dialog).getByRole('button', { name: 'Delete project' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/Type web to confirm/), 'web');
    await user.click(confirm);
    expect(await screen.findByRole('heading', { name: 'No projects yet' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Project web was deleted.');
    expect(drafts.load('web', 'checkout', 'production')).toBeUndefined();
    const [remove] = requestsTo(fake.requests, 'DELETE', '/api/v1/projects/web');
    expect(remove?.headers.get('if-match')).toBe('4');
  });

  it('opens the next project after a delete, saying once what was deleted', async () => {
    const user = userEvent.setup();
    const fake = openProject('admin', [shop]);
    await user.click(await screen.findByRole('button', { name: 'Delete this project' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete project Web?' });
    await user.type(within(dialog).getByLabelText(/Type web to confirm/), 'web');
    await user.click(within(dialog).getByRole('button', { name: 'Delete project' }));
    await waitFor(() =>
      expect(fake.history.location.pathname).toBe('/projects/shop/environments/live/flags'),
    );
    expect(await screen.findByText('Project web was deleted.')).toBeInTheDocument();
    // Said once: the history entry drops it, so coming Back or Forward to the page says nothing.
    await waitFor(() => expect(fake.history.location.state.notice).toBeUndefined());
    expect(screen.getByText('Project web was deleted.')).toBeInTheDocument();
    fake.history.back();
    await screen.findByRole('heading', { name: 'Project settings' });
    fake.history.forward();
    await screen.findByRole('heading', { name: 'Flags' });
    expect(screen.queryByText('Project web was deleted.')).toBeNull();
  });

  it('shows a writer no delete, and a reader no control at all', async () => {
    openProject('writer');
    await screen.findByRole('button', { name: 'Rename' });
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
    cleanup();
    openProject('reader');
    await screen.findByRole('heading', { name: 'Project settings' });
    expect(screen.queryByRole('button', { name: /Rename|Delete/ })).toBeNull();
  });
});
