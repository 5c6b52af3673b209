import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../app/App.js';
import { apiError, fakeApp } from '../../../testing/fake-api.js';
import { auditEntry, flag, resource, routes } from '../../../testing/fixtures.js';

const LIST = '/api/v1/projects/web/flags';
const path = '/projects/web/environments/production/flags';

// happy-dom lays nothing out; the virtualiser needs a viewport to decide which rows to render.
const sizes = ['clientHeight', 'clientWidth'] as const;
beforeAll(() => {
  for (const size of sizes)
    Object.defineProperty(HTMLElement.prototype, size, { configurable: true, get: () => 800 });
});
afterAll(() => {
  for (const size of sizes) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[size];
});

const toggle = (name: string) => screen.findByRole('switch', { name });

describe('flag list', () => {
  it('shows each flag’s state per environment, its last evaluation and a marker when it has none', async () => {
    const fake = fakeApp(routes(), { path });
    render(<App {...fake.props} />);
    expect(await toggle('checkout in Production')).toHaveAttribute('aria-checked', 'false');
    expect(await toggle('checkout in Staging')).toHaveAttribute('aria-checked', 'true');
    const rows = screen.getAllByRole('row');
    const checkout = rows.find((r) => within(r).queryByText('checkout')) as HTMLElement;
    expect(within(checkout).getByText('5 minutes ago')).toBeInTheDocument();
    expect(within(checkout).queryByText(/No evaluations in/)).toBeNull();
    const banner = rows.find((r) => within(r).queryByText('old-banner')) as HTMLElement;
    expect(within(banner).getByText('No evaluations in 7 days')).toBeInTheDocument();
    expect(within(checkout).getByRole('link', { name: 'Flag checkout' })).toHaveAttribute(
      'href',
      '/projects/web/environments/production/flags/checkout',
    );
  });

  it('turns a flag on with turnFlagOn and If-Match, and shows the state the API confirmed', async () => {
    let release: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fake = fakeApp(
      routes({
        'PATCH /api/v1/projects/web/flags/checkout': async () => {
          await answered;
          return resource('checkout', true, 4);
        },
      }),
      { path },
    );
    render(<App {...fake.props} />);
    await userEvent.click(await toggle('checkout in Production'));
    const patch = fake.requests.find((r) => r.method === 'PATCH') as Request;
    expect(new URL(patch.url).searchParams.get('env')).toBe('production');
    expect(patch.headers.get('if-match')).toBe('3');
    expect(await patch.json()).toEqual({ instructions: [{ kind: 'turnFlagOn' }] });
    const pending = await toggle('checkout in Production');
    expect(pending).toHaveAttribute('aria-checked', 'false');
    expect(pending).toHaveAttribute('aria-busy', 'true');
    await act(async () => release());
    await waitFor(async () =>
      expect(await toggle('checkout in Production')).toHaveAttribute('aria-checked', 'true'),
    );
    expect(await toggle('checkout in Production')).not.toHaveAttribute('aria-busy');
  });

  it('on a 409 tells the user someone else changed the flag and shows its current state', async () => {
    const fake = fakeApp(
      routes({
        'PATCH /api/v1/projects/web/flags/checkout': () => apiError(409, 'conflict', 'Version mismatch'),
        'GET /api/v1/projects/web/flags/checkout': () => resource('checkout', true, 5),
      }),
      { path },
    );
    render(<App {...fake.props} />);
    await userEvent.click(await toggle('checkout in Production'));
    expect(await screen.findByText(/Someone else changed checkout in Production/)).toBeInTheDocument();
    await waitFor(async () =>
      expect(await toggle('checkout in Production')).toHaveAttribute('aria-checked', 'true'),
    );
  });

  it('says the API cannot be reached when a toggle’s request fails, and keeps the confirmed state', async () => {
    const unreachable = () => Promise.reject(new TypeError('Failed to fetch'));
    const fake = fakeApp(
      routes({
        'PATCH /api/v1/projects/web/flags/checkout': unreachable,
        'GET /api/v1/projects/web/flags/checkout': unreachable,
      }),
      { path },
    );
    render(<App {...fake.props} />);
    await userEvent.click(await toggle('checkout in Production'));
    expect(
      await screen.findByText(
        'Could not turn checkout on in Production: The API cannot be reached (Failed to fetch)',
      ),
    ).toBeInTheDocument();
    expect(await toggle('checkout in Production')).toHaveAttribute('aria-checked', 'false');
    expect(await toggle('checkout in Production')).not.toHaveAttribute('aria-busy');
  });

  it('lets a reader see every switch but change none', async () => {
    const fake = fakeApp(routes({}, 'reader'), { path });
    render(<App {...fake.props} />);
    await toggle('checkout in Production');
    for (const control of screen.getAllByRole('switch')) expect(control).toBeDisabled();
    expect(screen.getByText(/can read flags but not change them/)).toBeInTheDocument();
  });

  it.each([
    ['writer', false],
    ['reader', true],
  ])('gates switches by a project-scoped token’s role in the project (%s)', async (role, disabled) => {
    const me = () => ({ id: 't2', name: 'CI', projects: { web: role, api: 'admin' } });
    const fake = fakeApp(routes({ 'GET /api/v1/me': me }), { path });
    render(<App {...fake.props} />);
    await toggle('checkout in Production');
    // The header shows the role once the token is loaded; until then every switch is disabled.
    await screen.findByText(`${role} in web`);
    for (const control of screen.getAllByRole('switch'))
      expect(control.hasAttribute('disabled')).toBe(disabled);
  });

  it('searches on the server and keeps the search in the URL', async () => {
    const fake = fakeApp(routes(), { path });
    render(<App {...fake.props} />);
    await toggle('checkout in Production');
    await userEvent.type(screen.getByLabelText('Search'), 'check');
    await waitFor(() => expect(fake.history.location.search).toContain('q=check'));
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'archived');
    await waitFor(() => {
      const last = fake.requests.filter((r) => new URL(r.url).pathname === LIST).at(-1) as Request;
      const query = new URL(last.url).searchParams;
      expect([query.get('q'), query.get('archived')]).toEqual(['check', 'true']);
    });
  });

  it('adds a browser history entry per settled search and per "Show", so Back restores the filters before', async () => {
    const fake = fakeApp(routes(), { path });
    render(<App {...fake.props} />);
    await toggle('checkout in Production');
    await userEvent.type(screen.getByLabelText('Search'), 'check');
    await waitFor(() => expect(fake.history.location.search).toBe('?q=check'));
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'archived');
    await waitFor(() => expect(fake.history.location.search).toBe('?q=check&archived=archived'));
    fake.history.back();
    await waitFor(() => expect(screen.getByLabelText('Show')).toHaveValue('active'));
    expect(fake.history.location.search).toBe('?q=check');
    fake.history.back();
    await waitFor(() => expect(screen.getByLabelText('Search')).toHaveValue(''));
    // Long enough for a search still settling to have reached the URL.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fake.history.location.search).toBe('');
  });

  it('pages through the cursor as the list is scrolled towards its end', async () => {
    const page = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        flag(`flag-${from + i}`, {
          production: { on: false, version: 1 },
          staging: { on: false, version: 1 },
        }),
      );
    const fake = fakeApp(
      routes({
        [`GET ${LIST}`]: (_request, url) =>
          url.searchParams.get('cursor') === 'next'
            ? { items: page(5, 5) }
            : { items: page(0, 5), cursor: 'next' },
      }),
      { path },
    );
    render(<App {...fake.props} />);
    expect(await toggle('flag-9 in Staging')).toBeInTheDocument();
    expect(screen.getByText('10 flags')).toBeInTheDocument();
  });

  it.each([
    ['no filter', path, 'No active flags in this project. Create one with “New flag”.'],
    ['a search', `${path}?q=nothing`, 'No flags match.'],
    ['the archived ones', `${path}?archived=archived`, 'No flags match.'],
  ])('says why the list is empty with %s', async (_name, at, message) => {
    const fake = fakeApp(routes({ [`GET ${LIST}`]: () => ({ items: [] }) }), { path: at });
    render(<App {...fake.props} />);
    expect(await screen.findByText(message)).toBeInTheDocument();
  });

  it('counts a list of one as "1 flag"', async () => {
    const fake = fakeApp(
      routes({
        [`GET ${LIST}`]: () => ({ items: [flag('checkout', { production: { on: false, version: 1 } })] }),
      }),
      { path },
    );
    render(<App {...fake.props} />);
    await toggle('checkout in Production');
    expect(screen.getByText('1 flag')).toBeInTheDocument();
  });

  it('shows a change made elsewhere without a reload', async () => {
    let head = { items: [] as object[] };
    let state = false;
    const fake = fakeApp(
      routes({
        'GET /api/v1/projects/web/audit': () => head,
        'GET /api/v1/projects/web/flags/checkout': () => resource('checkout', state, 4),
      }),
      { path },
    );
    render(<App {...fake.props} />);
    await toggle('checkout in Production');
    await waitFor(() =>
      expect(fake.requests.some((r) => new URL(r.url).pathname.endsWith('/audit'))).toBe(true),
    );
    state = true;
    head = { items: [auditEntry('a1', 'update', 'checkout')] };
    await waitFor(
      async () => expect(await toggle('checkout in Production')).toHaveAttribute('aria-checked', 'true'),
      { timeout: 3_000 },
    );
  });

  it('shows a flag created elsewhere by refetching the list', async () => {
    let head = { items: [] as object[] };
    let created = false;
    const fake = fakeApp(
      routes({
        'GET /api/v1/projects/web/audit': () => head,
        [`GET ${LIST}`]: () => ({
          items: [
            flag('checkout', { production: { on: false, version: 1 } }),
            ...(created ? [flag('new-search', { production: { on: true, version: 1 } })] : []),
          ],
        }),
      }),
      { path },
    );
    render(<App {...fake.props} />);
    await toggle('checkout in Production');
    created = true;
    head = { items: [auditEntry('a2', 'create', 'new-search')] };
    expect(
      await screen.findByRole('switch', { name: 'new-search in Production' }, { timeout: 3_000 }),
    ).toHaveAttribute('aria-checked', 'true');
  });

  it('creates a flag from the "New flag" form, the key following the name, and opens it', async () => {
    let sent: unknown;
    const fake = fakeApp(
      routes({
        [`POST ${LIST}`]: async (request) => {
          sent = await request.json();
          return flag((sent as { key: string }).key, {
            production: { on: false, version: 1 },
            staging: { on: false, version: 1 },
          });
        },
      }),
      { path },
    );
    render(<App {...fake.props} />);
    await userEvent.click(await screen.findByRole('button', { name: 'New flag' }));
    const dialog = await screen.findByRole('dialog', { name: 'New flag' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Pricing plan');
    expect(within(dialog).getByLabelText('Key')).toHaveValue('pricing-plan');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'String' }));
    await userEvent.type(within(dialog).getByLabelText('Variations'), 'free{enter}pro');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /client-side SDKs/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create flag' }));
    await waitFor(() => expect(fake.history.location.pathname).toBe(`${path}/pricing-plan`));
    // The focus goes on from the new page, not from the top of the document.
    await waitFor(() =>
      expect(screen.getByRole('main')).toContainElement(document.activeElement as HTMLElement),
    );
    expect(sent).toEqual({
      key: 'pricing-plan',
      name: 'Pricing plan',
      description: '',
      clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
      variations: [{ value: 'free' }, { value: 'pro' }],
    });
  });

  it('keeps the "New flag" form open with the API’s error, naming the field', async () => {
    const fake = fakeApp(
      routes({ [`POST ${LIST}`]: () => apiError(409, 'conflict', 'Flag "checkout" already exists') }),
      { path },
    );
    render(<App {...fake.props} />);
    await userEvent.click(await screen.findByRole('button', { name: 'New flag' }));
    const dialog = await screen.findByRole('dialog', { name: 'New flag' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Checkout');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create flag' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Flag "checkout" already exists');
    expect(fake.history.location.pathname).toBe(path);
  });

  it('says which variation line it cannot read, and sends nothing', async () => {
    const fake = fakeApp(routes(), { path });
    render(<App {...fake.props} />);
    await userEvent.click(await screen.findByRole('button', { name: 'New flag' }));
    const dialog = await screen.findByRole('dialog', { name: 'New flag' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Limit');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Number' }));
    await userEvent.type(within(dialog).getByLabelText('Variations'), '10{enter}ten');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create flag' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Variation 2 (ten) is not a number.');
    expect(fake.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('offers no "New flag" to a reader', async () => {
    const fake = fakeApp(routes({}, 'reader'), { path });
    render(<App {...fake.props} />);
    await screen.findByText('Your token can read flags but not change them.');
    expect(screen.queryByRole('button', { name: 'New flag' })).toBeNull();
  });

  it('shows "Not allowed" with the API’s reason when it refuses the token’s role', async () => {
    const reason = 'The token has no role in project "web"';
    const fake = fakeApp(routes({ [`GET ${LIST}`]: () => apiError(403, 'forbidden', reason) }), { path });
    render(<App {...fake.props} />);
    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByText(reason)).toBeInTheDocument();
  });
});
