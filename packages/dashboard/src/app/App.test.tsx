import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApp } from '../testing/fake-api.js';
import { routes as fixtureRoutes } from '../testing/fixtures.js';

const routes = (role = 'writer') => fixtureRoutes({}, role);

import { App } from './App.js';

describe('<App>', () => {
  it('signs in with a token and opens the first project’s first environment', async () => {
    const fake = fakeApp(routes(), { token: '' });
    render(<App {...fake.props} />);
    await userEvent.type(screen.getByLabelText('API token'), 'sbt_abc');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Flags' })).toBeInTheDocument();
    expect(fake.history.location.pathname).toBe('/projects/web/environments/production/flags');
    expect(screen.getByText('Dana')).toBeInTheDocument();
    expect(fake.requests[0]?.headers.get('authorization')).toBe('Bearer sbt_abc');
  });

  it('shows a rejected token the sign-in page with the reason, and forgets it', async () => {
    const fake = fakeApp({ 'GET /api/v1/me': () => apiError(401, 'unauthorized') });
    render(<App {...fake.props} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('not accepted');
    expect(fake.session.state.token).toBeUndefined();
  });

  it('says why the API refused the token, such as its expiry', async () => {
    const expired = 'API token expired at 2026-12-01T00:00:00.000Z';
    const fake = fakeApp({ 'GET /api/v1/me': () => apiError(401, 'unauthorized', expired) });
    render(<App {...fake.props} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(`${expired}. Ask an admin for a new token`);
  });

  it('says a path the dashboard does not have is not found, with a way back to the flags', async () => {
    const fake = fakeApp(routes(), { path: '/projects/web/settings/token' });
    render(<App {...fake.props} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('/projects/web/settings/token', { exact: false })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'Open the flag list' }));
    await waitFor(() =>
      expect(fake.history.location.pathname).toBe('/projects/web/environments/production/flags'),
    );
  });

  it('marks only the page shown as current in the navigation', async () => {
    const fake = fakeApp(routes(), { path: '/projects/web/settings/environments' });
    render(<App {...fake.props} />);
    await screen.findByRole('heading', { name: 'Environments and keys' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const current = within(nav)
      .getAllByRole('link')
      .filter((link) => link.getAttribute('aria-current') === 'page');
    expect(current.map((link) => link.textContent)).toEqual(['Environments']);
  });

  it('keeps the environment in the URL and switches it in place', async () => {
    const fake = fakeApp(routes(), { path: '/projects/web/environments/production/history' });
    render(<App {...fake.props} />);
    await screen.findByRole('heading', { name: 'History' });
    await userEvent.selectOptions(await screen.findByLabelText('Environment'), 'staging');
    await waitFor(() =>
      expect(fake.history.location.pathname).toBe('/projects/web/environments/staging/history'),
    );
  });

  it('says an environment in the URL does not exist, and the switcher names it rather than another', async () => {
    const fake = fakeApp(routes(), { path: '/projects/web/environments/deleted/flags' });
    render(<App {...fake.props} />);
    expect(await screen.findByRole('heading', { name: 'No such environment' })).toBeInTheDocument();
    const switcher = await screen.findByLabelText('Environment');
    await waitFor(() => expect(switcher).toHaveDisplayValue('deleted (not found)'));
    await userEvent.selectOptions(switcher, 'staging');
    expect(await screen.findByRole('heading', { name: 'Flags' })).toBeInTheDocument();
    expect(fake.history.location.pathname).toBe('/projects/web/environments/staging/flags');
  });

  it('names a project in the URL that the token cannot see, rather than showing another', async () => {
    const fake = fakeApp(routes(), { path: '/projects/elsewhere/environments/production/flags' });
    render(<App {...fake.props} />);
    await waitFor(() =>
      expect(screen.getByLabelText('Project')).toHaveDisplayValue('elsewhere (not found or not yours)'),
    );
  });

  describe.each([
    '/projects/nope',
    '/projects/nope/environments/production/flags',
    '/projects/nope/settings/environments',
  ])('at %s, a project that does not exist', (path) => {
    it('says so and links to the projects there are', async () => {
      const fake = fakeApp(
        {
          ...routes(),
          'GET /api/v1/projects/nope/environments': () =>
            apiError(404, 'not_found', 'Project "nope" not found'),
        },
        { path },
      );
      render(<App {...fake.props} />);
      expect(await screen.findByRole('heading', { name: 'Project not found', level: 1 })).toBeInTheDocument();
      expect(screen.getByText(/There is no project “nope”/)).toBeInTheDocument();
      await userEvent.click(await screen.findByRole('link', { name: 'Web' }));
      await waitFor(() =>
        expect(fake.history.location.pathname).toBe('/projects/web/environments/production/flags'),
      );
    });
  });

  it('signs out', async () => {
    const fake = fakeApp(routes());
    render(<App {...fake.props} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByLabelText('API token')).toBeInTheDocument();
    expect(fake.session.state.token).toBeUndefined();
  });

  it('shows API tokens only to an admin', async () => {
    const fake = fakeApp(routes('reader'));
    render(<App {...fake.props} />);
    await screen.findByRole('heading', { name: 'Flags' });
    expect(screen.queryByRole('link', { name: 'API tokens' })).toBeNull();
  });
});
