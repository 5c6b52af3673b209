import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../../app/App.js';
import { apiError, type FakeRoutes, fakeApp } from '../../../../testing/fake-api.js';
import { draftStorage } from '../../model/draft-storage.js';
import type { Flag } from '../../model/types.js';
import { checkoutFlag, flagEnvironment } from '../../testing/flag-fixtures.js';

const PATH = '/projects/web/environments/production/flags/checkout';
const PATCH = 'PATCH /api/v1/projects/web/flags/checkout';

const environment = (key: string, name: string) => ({
  key,
  name,
  color: '#00aa00',
  clientSideId: `cs-${key}`,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  sdkKeys: [],
});

interface Sent {
  readonly url: URL;
  readonly ifMatch: string | null;
  readonly body: Record<string, unknown>;
}

/** The app at the flag page of `checkout`, with a fake API whose flag is `state.flag`. */
function renderPage({ role = 'writer', routes = {} as FakeRoutes, flag = checkoutFlag(), path = PATH } = {}) {
  /** `conflicts`: versions someone else saves just before each of our next PATCHes (answered 409). */
  const state = { flag, sent: [] as Sent[], conflicts: [] as Flag[] };
  const all: FakeRoutes = {
    'GET /api/v1/me': () => ({ id: 't1', name: 'Dana', role }),
    'GET /api/v1/projects': () => ({
      items: [{ key: 'web', name: 'Web', tags: [], version: 1, createdAt: '2026-01-01T00:00:00Z' }],
    }),
    'GET /api/v1/projects/web/environments': () => ({
      items: [environment('production', 'Production'), environment('staging', 'Staging')],
    }),
    'GET /api/v1/projects/web/flags/checkout': () => state.flag,
    'GET /api/v1/projects/web/flags': () => ({
      items: [{ ...checkoutFlag({ key: 'login', name: 'Login' }), environments: {} }],
    }),
    'GET /api/v1/projects/web/environments/production/segments': () => ({
      items: [{ key: 'beta', name: 'Beta testers' }],
    }),
    'GET /api/v1/projects/web/audit': () => ({ items: [] }),
    [PATCH]: async (request, url) => {
      state.sent.push({ url, ifMatch: request.headers.get('if-match'), body: await request.clone().json() });
      const theirs = state.conflicts.shift();
      if (!theirs) return state.flag;
      state.flag = theirs;
      return apiError(409, 'conflict', 'Version 3 is stale');
    },
    ...routes,
  };
  const fake = fakeApp(all, { path });
  const view = render(<App {...fake.props} />);
  return { fake, state, view };
}

const user = () => userEvent.setup();

async function openReview(u: ReturnType<typeof user>) {
  await u.click(screen.getByRole('button', { name: 'Review and save' }));
  return screen.findByRole('dialog', { name: 'Review and save' });
}

// The route is loaded lazily; loading (and transforming) it once here keeps that out of the first test's timeouts.
beforeAll(() => import('../../routes/FlagRoute.js'));
beforeEach(() => window.localStorage.clear());

describe('the flag page', () => {
  it('shows the flag’s header and its targeting in the environment of the URL', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { name: 'New checkout', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'checkout in Production' })).not.toBeChecked();
    expect(screen.getByRole('heading', { name: 'Rule 1' })).toBeInTheDocument();
    expect(screen.getByLabelText('Rule 1 condition 1 attribute')).toHaveValue('country');
  });

  describe.each([
    ['in', 'Rule 1 condition 1 values'],
    ['startsWith', 'Rule 1 condition 1 values'],
    ['matches', 'Rule 1 condition 1 patterns'],
    ['lessThan', 'Rule 1 condition 1 numbers'],
    ['greaterThanOrEqual', 'Rule 1 condition 1 numbers'],
    ['semVerLessThan', 'Rule 1 condition 1 versions'],
    ['before', 'Rule 1 condition 1 date format'],
    ['after', 'Rule 1 condition 1 date format'],
    ['segmentMatch', 'Beta testers beta'],
  ])('a condition with operator %s', (op, input) => {
    it(`takes its values in “${input}”`, async () => {
      const u = user();
      renderPage();
      await u.selectOptions(await screen.findByLabelText('Rule 1 condition 1 operator'), op);
      expect(screen.getByLabelText(input)).toBeInTheDocument();
      if (op === 'segmentMatch') expect(screen.queryByLabelText('Rule 1 condition 1 attribute')).toBeNull();
    });
  });

  it('checks versions, patterns and numbers where they are typed', async () => {
    const u = user();
    renderPage();
    const op = await screen.findByLabelText('Rule 1 condition 1 operator');
    await u.selectOptions(op, 'semVerEqual');
    await u.type(screen.getByLabelText('Rule 1 condition 1 versions'), '1.2.x');
    expect(screen.getByText(/must be a semantic version/)).toBeInTheDocument();
    await u.selectOptions(op, 'matches');
    await u.type(screen.getByLabelText('Rule 1 condition 1 patterns'), 'a(b');
    expect(screen.getByText(/is not a valid regular expression/)).toBeInTheDocument();
    await u.selectOptions(op, 'lessThan');
    const numbers = screen.getByLabelText('Rule 1 condition 1 numbers');
    await u.type(numbers, 'ten');
    expect(screen.getByText(/must be a number/)).toBeInTheDocument();
    // Number('0x10') is 16: a value nobody typed.
    await u.clear(numbers);
    await u.type(numbers, '0x10');
    expect(screen.getByText(/must be a number/)).toBeInTheDocument();
  });

  it('stores a date picked for "before" as epoch milliseconds, or RFC 3339 on request', async () => {
    const u = user();
    const { state } = renderPage();
    await u.selectOptions(await screen.findByLabelText('Rule 1 condition 1 operator'), 'before');
    await u.click(screen.getByRole('button', { name: 'Add a date' }));
    const picker = screen.getByLabelText('Rule 1 condition 1 date 1');
    // happy-dom types into no date-time field; a picker reports its value as a change event.
    fireEvent.change(picker, { target: { value: '2027-03-01T12:30' } });
    const ms = new Date('2027-03-01T12:30').getTime();
    expect(screen.getByText(String(ms))).toBeInTheDocument();
    await u.selectOptions(screen.getByLabelText('Rule 1 condition 1 date format'), 'rfc3339');
    expect(screen.getByText(JSON.stringify(new Date(ms).toISOString()))).toBeInTheDocument();
    const dialog = await openReview(u);
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(state.sent).toHaveLength(1));
    expect(state.sent[0]?.body.instructions).toEqual([
      {
        kind: 'updateRuleClauses',
        ruleId: 'r1',
        clauses: [
          { contextKind: 'user', attribute: 'country', op: 'before', values: [new Date(ms).toISOString()] },
        ],
      },
    ]);
  });

  it('keeps "RFC 3339" chosen before any date is added, and stores the dates added in it', async () => {
    const u = user();
    renderPage();
    await u.selectOptions(await screen.findByLabelText('Rule 1 condition 1 operator'), 'after');
    const format = screen.getByLabelText('Rule 1 condition 1 date format');
    await u.selectOptions(format, 'rfc3339');
    expect(format).toHaveValue('rfc3339');
    await u.click(screen.getByRole('button', { name: 'Add a date' }));
    const stored = screen.getByLabelText('Rule 1 condition 1 date 1').nextElementSibling;
    expect(JSON.parse(stored?.textContent ?? '')).toEqual(expect.any(String));
  });

  it('refuses rollout percentages that do not add up to 100%', async () => {
    const u = user();
    renderPage();
    await u.selectOptions(await screen.findByLabelText('Default rule serves'), 'rollout');
    const enabled = screen.getByLabelText('Default rule serves: percentage for Enabled');
    expect(enabled).toHaveValue('50');
    await u.clear(enabled);
    await u.type(enabled, '60');
    expect(screen.getByText('Percentages must add up to 100% (now 110%).')).toBeInTheDocument();
    const dialog = await openReview(u);
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Percentages must add up to 100%');
    expect(within(dialog).getByRole('button', { name: 'Save changes' })).toBeDisabled();
    await u.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    const disabled = screen.getByLabelText('Default rule serves: percentage for Disabled');
    await u.clear(disabled);
    await u.type(disabled, '40');
    expect(screen.queryByText(/must add up to 100%/)).toBeNull();
    expect(screen.getByText('Total 100%')).toBeInTheDocument();
  });

  describe('a rollout’s percentages', () => {
    const threeWay = () =>
      checkoutFlag({
        variations: [
          { value: 'classic', name: 'Classic' },
          { value: 'semantic', name: 'Semantic' },
          { value: 'hybrid', name: 'Hybrid' },
        ],
        environments: {
          production: flagEnvironment({
            fallthrough: {
              rollout: {
                variations: [
                  { variation: 0, weight: 50_000 },
                  { variation: 1, weight: 25_000 },
                  { variation: 2, weight: 25_000 },
                ],
              },
            },
          }),
        },
      });
    const percent = (name: string) => screen.getByLabelText(`Default rule serves: percentage for ${name}`);
    async function retype(u: ReturnType<typeof user>, name: string, text: string) {
      await u.clear(percent(name));
      if (text) await u.type(percent(name), text);
    }

    it('reads an empty field as 0%, a trailing % and a decimal comma', async () => {
      const u = user();
      const { state } = renderPage({ flag: threeWay() });
      await screen.findByLabelText('Default rule serves: percentage for Classic');
      await retype(u, 'Classic', '');
      expect(screen.getByText('Total 50%')).toBeInTheDocument();
      await retype(u, 'Semantic', '40,5');
      await retype(u, 'Hybrid', '59.5%');
      expect(screen.getByText('Total 100%')).toBeInTheDocument();
      await u.click(within(await openReview(u)).getByRole('button', { name: 'Save changes' }));
      await waitFor(() => expect(state.sent).toHaveLength(1));
      expect(state.sent[0]?.body.instructions).toEqual([
        {
          kind: 'updateFallthrough',
          rollout: {
            variations: [
              { variation: 0, weight: 0 },
              { variation: 1, weight: 40_500 },
              { variation: 2, weight: 59_500 },
            ],
          },
        },
      ]);
    });

    it('names text that is no percentage at its field, counts it as 0% and holds the save', async () => {
      const u = user();
      renderPage({ flag: threeWay() });
      await screen.findByLabelText('Default rule serves: percentage for Classic');
      await retype(u, 'Hybrid', 'abc');
      expect(percent('Hybrid')).toHaveAttribute('aria-invalid', 'true');
      expect(percent('Hybrid')).toHaveAccessibleDescription('"abc" is not a percentage.');
      expect(screen.getByText('Total 75%')).toBeInTheDocument();
      expect(screen.getByText(/2 to fix/)).toBeInTheDocument();
      // The percentages that read add up, but the one that does not still holds the save.
      await retype(u, 'Classic', '75');
      expect(screen.getByText('Total 100%')).toBeInTheDocument();
      expect(screen.getByText(/1 to fix/)).toBeInTheDocument();
      const review = await openReview(u);
      expect(within(review).getByRole('alert')).toHaveTextContent(
        'Default rule serves: percentage for Hybrid: "abc" is not a percentage.',
      );
      expect(within(review).getByRole('button', { name: 'Save changes' })).toBeDisabled();
    });

    it('shows the saved percentages again, with no problem left, once the draft is discarded', async () => {
      const u = user();
      renderPage({ flag: threeWay() });
      await screen.findByLabelText('Default rule serves: percentage for Classic');
      await retype(u, 'Classic', '40');
      await retype(u, 'Hybrid', 'abc');
      await u.click(screen.getByRole('button', { name: 'Discard' }));
      expect(percent('Hybrid')).toHaveValue('25');
      expect(percent('Hybrid')).not.toHaveAttribute('aria-invalid');
      await retype(u, 'Classic', '45');
      await retype(u, 'Semantic', '30');
      expect(screen.queryByText(/to fix/)).toBeNull();
    });
  });

  it('adds a rule with a rollout and saves it as instructions with a comment and If-Match', async () => {
    const u = user();
    const { state } = renderPage();
    await u.click(await screen.findByRole('button', { name: 'Add a rule' }));
    // The keyboard goes on in the new rule, not from the button below it.
    expect(screen.getByLabelText('Rule 2 description')).toHaveFocus();
    await u.clear(screen.getByLabelText('Rule 2 condition 1 attribute'));
    await u.type(screen.getByLabelText('Rule 2 condition 1 attribute'), 'email');
    await u.selectOptions(screen.getByLabelText('Rule 2 condition 1 operator'), 'endsWith');
    await u.type(screen.getByLabelText('Rule 2 condition 1 values'), '@acme.com');
    await u.selectOptions(screen.getByLabelText('Rule 2 serves'), 'rollout');
    const enabled = screen.getByLabelText('Rule 2 serves: percentage for Enabled');
    await u.clear(enabled);
    await u.type(enabled, '12.5');
    const disabled = screen.getByLabelText('Rule 2 serves: percentage for Disabled');
    await u.clear(disabled);
    await u.type(disabled, '87.5');
    await u.type(screen.getByLabelText('Rule 2 serves: bucket by attribute'), 'email');
    await u.click(screen.getByRole('button', { name: 'Move Rule 2 up' }));

    const dialog = await openReview(u);
    expect(dialog).toHaveTextContent(
      'Add rule 1: if user.email endsWith "@acme.com" serve a rollout (12.5% Enabled, 87.5% Disabled; user by email)',
    );
    expect(dialog).toHaveTextContent(
      'Reorder the rulesSent to production as 2 semantic-patch instructions, only if production is still at version 3.',
    );
    await u.type(within(dialog).getByLabelText('Comment (kept in the audit log)'), 'Acme first');
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(state.sent).toHaveLength(1));
    const [sent] = state.sent;
    expect(sent?.url.searchParams.get('env')).toBe('production');
    expect(sent?.ifMatch).toBe('3');
    expect(sent?.body).toEqual({
      comment: 'Acme first',
      instructions: [
        {
          kind: 'addRule',
          rule: {
            id: expect.any(String),
            clauses: [{ attribute: 'email', op: 'endsWith', values: ['@acme.com'] }],
            rollout: {
              bucketBy: 'email',
              variations: [
                { variation: 0, weight: 12_500 },
                { variation: 1, weight: 87_500 },
              ],
            },
          },
        },
        { kind: 'reorderRules', ruleIds: [expect.any(String), 'r1'] },
      ],
    });
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    // The button that opened the dialog went with the draft; the focus goes on from the flag's heading.
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());
  });

  it('sends a variation change as a JSON Patch to the flag, If-Match the flag version', async () => {
    const u = user();
    const { state } = renderPage({
      flag: checkoutFlag({ variations: [{ value: 'red' }, { value: 'blue' }] }),
    });
    await u.click(await screen.findByRole('tab', { name: 'Variations' }));
    const value = screen.getByLabelText('Variation 2 value');
    await u.clear(value);
    await u.type(value, 'green');
    await u.click(screen.getByRole('button', { name: 'Add a variation' }));
    await u.type(screen.getByLabelText('Variation 3 value'), 'black');
    const dialog = await openReview(u);
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(state.sent).toHaveLength(1));
    expect(state.sent[0]?.url.searchParams.get('env')).toBeNull();
    expect(state.sent[0]?.ifMatch).toBe('2');
    expect(state.sent[0]?.body.patch).toEqual([
      { op: 'replace', path: '/variations/1/value', value: 'green' },
      { op: 'add', path: '/variations/2', value: { value: 'black' } },
    ]);
  });

  it('reviews an added variation as one change that names it, sent as one operation', async () => {
    const u = user();
    const { state } = renderPage({
      flag: checkoutFlag({ variations: [{ value: 'red' }, { value: 'blue' }] }),
    });
    await u.click(await screen.findByRole('tab', { name: 'Variations' }));
    await u.click(screen.getByRole('button', { name: 'Add a variation' }));
    await u.type(screen.getByLabelText('Variation 3 value'), 'black');
    await u.type(screen.getByLabelText('Variation 3 name'), 'Noir');
    const dialog = await openReview(u);
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Add variation "black" (“Noir”)']);
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(state.sent).toHaveLength(1));
    expect(state.sent[0]?.body.patch).toEqual([
      { op: 'add', path: '/variations/2', value: { value: 'black', name: 'Noir' } },
    ]);
  });

  it('names a value that repeats another at its field, and holds the save until it differs', async () => {
    const u = user();
    const { state } = renderPage({
      flag: checkoutFlag({ variations: [{ value: 'red' }, { value: 'blue' }] }),
    });
    await u.click(await screen.findByRole('tab', { name: 'Variations' }));
    await u.click(screen.getByRole('button', { name: 'Add a variation' }));
    const third = screen.getByLabelText('Variation 3 value');
    await u.type(third, 'red');
    expect(third).toHaveAttribute('aria-invalid', 'true');
    expect(third).toHaveAccessibleDescription(
      'Variation 3 has the same value as variation 1; each serves a value of its own.',
    );
    const dialog = await openReview(u);
    expect(within(dialog).getByRole('button', { name: 'Save changes' })).toBeDisabled();
    await u.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await u.type(third, 'dish');
    expect(third).not.toHaveAttribute('aria-invalid');
    await u.click(within(await openReview(u)).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(state.sent).toHaveLength(1));
  });

  it('names a number value it cannot read at its field and holds the save until it reads', async () => {
    const u = user();
    const { state } = renderPage({ flag: checkoutFlag({ variations: [{ value: 10 }, { value: 20 }] }) });
    await u.click(await screen.findByRole('tab', { name: 'Variations' }));
    await u.type(screen.getByLabelText('Variation 1 name'), 'One');
    const value = screen.getByLabelText('Variation 2 value');
    await u.clear(value);
    await u.type(value, '2,5');
    expect(value).toHaveAttribute('aria-invalid', 'true');
    expect(value).toHaveAccessibleDescription(/"2,5" is not a number; use a dot for decimals\./);
    const review = await openReview(u);
    expect(within(review).getByRole('alert')).toHaveTextContent(
      'Variation 2 value: "2,5" is not a number; use a dot for decimals.',
    );
    expect(within(review).getByRole('button', { name: 'Save changes' })).toBeDisabled();
    await u.click(within(review).getByRole('button', { name: 'Keep editing' }));
    await u.clear(value);
    await u.type(value, '0x10');
    expect(value).toHaveAccessibleDescription(/"0x10" is not a number\./);
    await u.clear(value);
    await u.type(value, '2.5');
    expect(value).not.toHaveAttribute('aria-invalid');
    await u.click(within(await openReview(u)).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(state.sent).toHaveLength(1));
    expect(state.sent[0]?.body.patch).toEqual([
      { op: 'replace', path: '/variations/1/value', value: 2.5 },
      { op: 'add', path: '/variations/0/name', value: 'One' },
    ]);
  });

  it('edits a JSON variation as JSON text and holds the save while it does not parse', async () => {
    const u = user();
    const { state } = renderPage({
      flag: checkoutFlag({ variations: [{ value: { max: 1 } }, { value: { max: 2 } }] }),
    });
    await u.click(await screen.findByRole('tab', { name: 'Variations' }));
    await u.type(screen.getByLabelText('Variation 1 name'), 'Small');
    const value = screen.getByLabelText('Variation 2 value (JSON)');
    await u.clear(value);
    await u.type(value, '{{"max": 5');
    expect(value).toHaveAccessibleDescription(/Not valid JSON: /);
    let review = await openReview(u);
    expect(within(review).getByRole('alert')).toHaveTextContent('Variation 2 value: Not valid JSON');
    expect(within(review).getByRole('button', { name: 'Save changes' })).toBeDisabled();
    await u.click(within(review).getByRole('button', { name: 'Keep editing' }));
    await u.type(value, '}');
    review = await openReview(u);
    await u.click(within(review).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(state.sent).toHaveLength(1));
    expect(state.sent[0]?.body.patch).toEqual([
      { op: 'replace', path: '/variations/1/value/max', value: 5 },
      { op: 'add', path: '/variations/0/name', value: 'Small' },
    ]);
  });

  describe('JSON variation boxes', () => {
    const jsonFlag = () =>
      checkoutFlag({
        variations: [{ value: { limit: 10 } }, { value: { limit: 20 } }, { value: [1, 2] }],
        // Variation 2 is used nowhere, so it can be removed.
        environments: { production: flagEnvironment({ offVariation: 0 }) },
      });
    const box = (n: number) => screen.getByLabelText(`Variation ${n} value (JSON)`);

    it('show the saved value again once the draft is discarded', async () => {
      const u = user();
      renderPage({ flag: jsonFlag() });
      await u.click(await screen.findByRole('tab', { name: 'Variations' }));
      await u.clear(box(1));
      await u.type(box(1), '{{"limit": 99}');
      await u.click(screen.getByRole('button', { name: 'Discard' }));
      expect(JSON.parse((box(1) as HTMLTextAreaElement).value)).toEqual({ limit: 10 });
    });

    it('leave nothing to fix behind when their tab closes on text that does not parse', async () => {
      const u = user();
      renderPage({ flag: jsonFlag() });
      await u.click(await screen.findByRole('tab', { name: 'Variations' }));
      await u.type(screen.getByLabelText('Variation 1 name'), 'Ten');
      await u.type(box(1), '{{');
      expect(screen.getByText(/1 to fix/)).toBeInTheDocument();
      await u.click(screen.getByRole('tab', { name: 'Targeting' }));
      expect(screen.queryByText(/to fix/)).toBeNull();
    });

    it('keep each variation’s text in its own row when one is removed', async () => {
      const u = user();
      renderPage({ flag: jsonFlag() });
      await u.click(await screen.findByRole('tab', { name: 'Variations' }));
      await u.click(screen.getByRole('button', { name: 'Remove variation 2' }));
      expect(screen.queryByLabelText('Variation 3 value (JSON)')).toBeNull();
      expect(JSON.parse((box(2) as HTMLTextAreaElement).value)).toEqual([1, 2]);
    });
  });

  describe('when someone changed the flag meanwhile (409)', () => {
    const theirs = () => {
      const flag = checkoutFlag();
      flag.environments.production = flagEnvironment({
        ...flag.environments.production,
        on: true,
        version: 4,
      });
      return flag;
    };
    const audit: FakeRoutes = {
      'GET /api/v1/projects/web/audit': () => ({
        items: [
          {
            id: 'a1',
            project: 'web',
            time: '2026-12-06T10:00:00Z',
            actor: { id: 't2', name: 'Sam' },
            action: 'update',
            resource: 'flag',
            key: 'checkout',
            env: 'production',
            comment: 'hotfix',
            after: { version: 4 },
          },
        ],
      }),
    };

    async function saveIntoConflict(u: ReturnType<typeof user>) {
      const page = renderPage({ routes: audit });
      page.state.conflicts.push(theirs());
      await u.selectOptions(await screen.findByLabelText('Off variation'), '0');
      const review = await openReview(u);
      await u.click(within(review).getByRole('button', { name: 'Save changes' }));
      return {
        ...page,
        conflict: await screen.findByRole('alertdialog', { name: 'Someone changed this flag' }),
      };
    }

    it('shows who changed what, with their comment', async () => {
      const { conflict } = await saveIntoConflict(user());
      expect(conflict).toHaveTextContent('Sam');
      expect(conflict).toHaveTextContent('“hotfix”');
      expect(conflict).toHaveTextContent('production › on/off: false → true');
    });

    it('re-applies the draft onto their version and saves it against that version', async () => {
      const u = user();
      const { conflict, state } = await saveIntoConflict(u);
      await u.click(within(conflict).getByRole('button', { name: 'Re-apply my changes' }));
      const review = await screen.findByRole('dialog', { name: 'Review and save' });
      // Their change shows under the dialog, with the draft on top of it.
      expect(screen.getByRole('switch', { name: 'checkout in Production', hidden: true })).toBeChecked();
      await u.click(within(review).getByRole('button', { name: 'Save changes' }));
      await waitFor(() => expect(state.sent).toHaveLength(2));
      expect(state.sent.map((s) => s.ifMatch)).toEqual(['3', '4']);
      expect(state.sent[1]?.body.instructions).toEqual([{ kind: 'updateOffVariation', variation: 0 }]);
    });

    it('discards the draft and shows their version', async () => {
      const u = user();
      const { conflict, state } = await saveIntoConflict(u);
      await u.click(within(conflict).getByRole('button', { name: 'Discard my changes' }));
      expect(await screen.findByText('Your changes were discarded.')).toBeInTheDocument();
      await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());
      expect(screen.getByLabelText('Off variation')).toHaveValue('1');
      expect(screen.getByRole('switch', { name: 'checkout in Production' })).toBeChecked();
      expect(screen.queryByRole('button', { name: 'Review and save' })).toBeNull();
      expect(state.sent).toHaveLength(1);
    });
  });

  it('keeps an unsaved draft across a remount (a reload) and discards it on request', async () => {
    const u = user();
    const first = renderPage();
    await u.click(await screen.findByRole('switch', { name: 'checkout in Production' }));
    await u.type(screen.getByLabelText('Add user targets served Enabled'), 'alice bob');
    // Each list's button names its list: a screen reader's list of buttons tells them apart.
    await u.click(screen.getByRole('button', { name: 'Add to user targets served Enabled' }));
    expect(screen.getByText('2 unsaved changes')).toBeInTheDocument();
    first.view.unmount();

    renderPage();
    expect(await screen.findByText('2 unsaved changes')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'checkout in Production' })).toBeChecked();
    expect(
      screen.getByRole('button', { name: 'Remove alice from user targets served Enabled' }),
    ).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.getByRole('switch', { name: 'checkout in Production' })).not.toBeChecked();
    expect(window.localStorage.length).toBe(0);
  });

  it('adds a target key once, and refuses one another variation already targets, naming it', async () => {
    const u = user();
    const { state } = renderPage();
    const enabled = await screen.findByLabelText('Add user targets served Enabled');
    await u.type(enabled, 'u1 u2 u3{Enter}');
    const disabled = screen.getByLabelText('Add user targets served Disabled');
    await u.type(disabled, 'u1 u4 u4{Enter}');
    expect(disabled).toHaveValue('u1 u4 u4');
    expect(disabled).toHaveAttribute('aria-invalid', 'true');
    expect(disabled).toHaveAccessibleDescription(
      'u1 is already served Enabled: a key can be targeted in one variation only.',
    );
    await u.clear(disabled);
    await u.type(disabled, 'u4, u4{Enter}');
    expect(disabled).not.toHaveAttribute('aria-invalid');
    await u.click(within(await openReview(u)).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(state.sent).toHaveLength(1));
    expect(state.sent[0]?.body.instructions).toEqual([
      { kind: 'addTargets', contextKind: 'user', variation: 0, values: ['u1', 'u2', 'u3'] },
      { kind: 'addTargets', contextKind: 'user', variation: 1, values: ['u4'] },
    ]);
  });

  it('shows what the API refused at the rule it concerns', async () => {
    const u = user();
    renderPage({
      routes: {
        [PATCH]: () =>
          new Response(
            JSON.stringify({
              error: {
                code: 'invalid_request',
                message: 'unknown segment "gone"',
                field: 'instructions[0].clauses[0].values',
              },
            }),
            { status: 400, headers: { 'content-type': 'application/json' } },
          ),
      },
    });
    await u.clear(await screen.findByLabelText('Rule 1 condition 1 attribute'));
    await u.type(screen.getByLabelText('Rule 1 condition 1 attribute'), 'region');
    const review = await openReview(u);
    await u.click(within(review).getByRole('button', { name: 'Save changes' }));
    expect(await within(review).findByRole('alert')).toHaveTextContent(
      'unknown segment "gone" (instructions[0].clauses[0].values)',
    );
    await u.click(within(review).getByRole('button', { name: 'Keep editing' }));
    const rule = screen.getByRole('region', { name: 'Rule 1' });
    expect(within(rule).getByText('unknown segment "gone"')).toBeInTheDocument();
  });

  describe('prerequisites', () => {
    const onOff = [{ value: 'on' }, { value: 'off' }];

    it('names the variation a new prerequisite must serve, in the review too', async () => {
      const u = user();
      renderPage({
        routes: {
          'GET /api/v1/projects/web/flags': () => ({
            items: [
              {
                ...checkoutFlag({ key: 'checkout-v2', name: 'Checkout v2', variations: onOff }),
                environments: {},
              },
            ],
          }),
        },
      });
      await screen.findByRole('option', { name: 'Checkout v2 (checkout-v2)' });
      await u.selectOptions(screen.getByLabelText('Prerequisite flag'), 'checkout-v2');
      await u.selectOptions(screen.getByLabelText('Must serve'), '"on"');
      await u.click(screen.getByRole('button', { name: 'Add prerequisite' }));
      const dialog = await openReview(u);
      expect(
        within(dialog)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual(['Add prerequisite: checkout-v2 is "on"']);
    });

    it('names the variation of a prerequisite the flag picker has not loaded, from that flag', async () => {
      const flag = checkoutFlag();
      flag.environments.production = flagEnvironment({
        prerequisites: [{ key: 'checkout-v2', variation: 1 }],
      });
      renderPage({
        flag,
        routes: {
          'GET /api/v1/projects/web/flags/checkout-v2': () =>
            checkoutFlag({ key: 'checkout-v2', name: 'Checkout v2', variations: onOff }),
        },
      });
      const item = (await screen.findByRole('button', { name: 'Remove prerequisite checkout-v2' })).closest(
        'li',
      );
      await waitFor(() => expect(item).toHaveTextContent('checkout-v2 must serve "off"'));
    });
  });

  it('shows a reader everything, read-only', async () => {
    renderPage({ role: 'reader' });
    expect(await screen.findByText('Your role can read this flag but not change it.')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'checkout in Production' })).toBeDisabled();
    expect(screen.getByLabelText('Rule 1 condition 1 attribute')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add a rule' })).toBeDisabled();
  });

  it('asks before leaving with unsaved changes', async () => {
    const u = user();
    const { fake } = renderPage();
    await u.click(await screen.findByRole('switch', { name: 'checkout in Production' }));
    await u.click(screen.getByRole('link', { name: 'History' }));
    const ask = await screen.findByRole('dialog', { name: 'Leave with unsaved changes?' });
    await u.click(within(ask).getByRole('button', { name: 'Stay' }));
    expect(fake.history.location.pathname).toBe(PATH);
    await u.click(screen.getByRole('link', { name: 'History' }));
    await u.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave' }));
    await waitFor(() =>
      expect(fake.history.location.pathname).toBe('/projects/web/environments/production/history'),
    );
  });

  it('tests a built context against this flag and every flag', async () => {
    const u = user();
    let body: unknown;
    renderPage({
      routes: {
        'POST /api/v1/projects/web/environments/production/evaluate': async (request) => {
          body = await request.clone().json();
          return {
            values: {
              checkout: {
                value: true,
                variationIndex: 0,
                reason: { kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'r1' },
              },
              login: { value: false, variationIndex: 1, reason: { kind: 'OFF' } },
            },
          };
        },
      },
    });
    await u.click(await screen.findByRole('tab', { name: 'Test a context' }));
    await u.type(screen.getByLabelText('Key'), 'alice');
    await u.click(screen.getByRole('button', { name: 'Add an attribute' }));
    await u.type(screen.getByLabelText('Attribute 1 name'), 'country');
    await u.type(screen.getByLabelText('Attribute 1 value'), 'DE');
    await u.click(screen.getByRole('button', { name: 'Evaluate' }));
    const results = await screen.findByRole('region', { name: 'Results' });
    expect(body).toEqual({ kind: 'user', key: 'alice', country: 'DE' });
    expect(within(results).getByTestId('test-value')).toHaveTextContent('true');
    expect(results).toHaveTextContent('matched rule 1 “Germany”');
    expect(within(results).getByRole('row', { name: /login/ })).toHaveTextContent('the flag is off');
  });

  it('names the field of a context the API refuses once, and drops that answer when the JSON is at fault', async () => {
    const u = user();
    renderPage({
      routes: {
        'POST /api/v1/projects/web/environments/production/evaluate': () =>
          apiError(400, 'invalid_request', 'context.key: Required', 'context.key'),
      },
    });
    await u.click(await screen.findByRole('tab', { name: 'Test a context' }));
    await u.click(screen.getByRole('button', { name: 'Evaluate' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^context\.key: Required$/);
    fireEvent.change(screen.getByLabelText(/Or paste a context/), { target: { value: '{oops' } });
    await u.click(screen.getByRole('button', { name: 'Evaluate' }));
    expect(screen.getByLabelText(/Or paste a context/)).toHaveAccessibleDescription(/^Not a context: /);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the open tab in the URL, and the draft while moving between tabs', async () => {
    const u = user();
    const { fake } = renderPage();
    await u.click(await screen.findByRole('switch', { name: 'checkout in Production' }));
    expect(screen.getByText('1 unsaved change')).toBeInTheDocument();
    await u.click(screen.getByRole('tab', { name: 'History' }));
    expect(await screen.findByText('No changes recorded yet.')).toBeInTheDocument();
    expect(fake.history.location.search).toBe('?tab=history');
    expect(screen.queryByRole('dialog', { name: 'Leave with unsaved changes?' })).toBeNull();
    await u.click(screen.getByRole('tab', { name: 'Targeting' }));
    expect(fake.history.location.search).toBe('');
    expect(screen.getByText('1 unsaved change')).toBeInTheDocument();
  });

  it('adds a browser history entry per tab, so Back opens the tab before', async () => {
    const u = user();
    const { fake } = renderPage();
    await u.click(await screen.findByRole('tab', { name: 'Variations' }));
    await u.click(screen.getByRole('tab', { name: 'Settings' }));
    fake.history.back();
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Variations' })).toHaveAttribute('aria-selected', 'true'),
    );
    expect(fake.history.location.search).toBe('?tab=variations');
    fake.history.back();
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Targeting' })).toHaveAttribute('aria-selected', 'true'),
    );
    expect(fake.history.location.search).toBe('');
  });

  it('says a flag the project does not have is not found, with a link to the flag list', async () => {
    const u = user();
    const { fake } = renderPage({
      routes: {
        'GET /api/v1/projects/web/flags/checkout': () =>
          apiError(404, 'not_found', 'Flag "checkout" not found'),
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Flag not found' })).toBeInTheDocument();
    await u.click(screen.getByRole('link', { name: 'Open the flag list' }));
    await waitFor(() =>
      expect(fake.history.location.pathname).toBe('/projects/web/environments/production/flags'),
    );
  });

  it('opens the tab a link names', async () => {
    renderPage({ role: 'reader', path: `${PATH}?tab=history` });
    expect(await screen.findByRole('tab', { name: 'History', selected: true })).toBeInTheDocument();
    expect(await screen.findByText('No changes recorded yet.')).toBeInTheDocument();
  });
});

describe('deleting a flag', () => {
  const DELETE = 'DELETE /api/v1/projects/web/flags/checkout';

  async function openSettings(u: ReturnType<typeof user>) {
    await u.click(await screen.findByRole('tab', { name: 'Settings' }));
  }

  it('is offered for an archived flag only, and says so while the flag is active', async () => {
    const u = user();
    renderPage();
    await openSettings(u);
    expect(screen.queryByRole('button', { name: 'Delete this flag' })).toBeNull();
    expect(screen.getByText(/Only an archived flag can be deleted/)).toBeInTheDocument();
  });

  it('asks for the flag’s key, sends DELETE with If-Match, drops the draft and opens the flag list saying it was deleted', async () => {
    const u = user();
    const sent: Request[] = [];
    const { fake } = renderPage({
      flag: checkoutFlag({ archived: true }),
      routes: {
        [DELETE]: (request) => {
          sent.push(request);
          return new Response(null, { status: 204 });
        },
      },
    });
    await u.click(await screen.findByRole('switch', { name: 'checkout in Production' }));
    // A draft of it in another environment goes too: a flag created later with this key starts clean.
    draftStorage(window.localStorage).save('web', 'checkout', 'staging', {
      base: checkoutFlag(),
      changes: [{ kind: 'turnFlagOn' }],
    });
    await openSettings(u);
    await u.click(screen.getByRole('button', { name: 'Delete this flag' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete flag New checkout?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete flag' });
    expect(confirm).toBeDisabled();
    await u.type(within(dialog).getByLabelText(/Type checkout to confirm/), 'checkout');
    await u.click(confirm);
    await waitFor(() =>
      expect(fake.history.location.pathname).toBe('/projects/web/environments/production/flags'),
    );
    expect(sent.map((r) => r.headers.get('if-match'))).toEqual(['2']);
    expect(await screen.findByText('Flag checkout was deleted.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Leave with unsaved changes?' })).toBeNull();
    expect(window.localStorage.length).toBe(0);
    // Said once: coming Back or Forward to this list does not announce the delete again.
    await waitFor(() => expect(fake.history.location.state.notice).toBeUndefined());
    expect(screen.getByText('Flag checkout was deleted.')).toBeInTheDocument();
    fake.history.back();
    await screen.findByRole('heading', { name: 'New checkout' });
    fake.history.forward();
    await screen.findByRole('heading', { name: 'Flags' });
    expect(screen.queryByText('Flag checkout was deleted.')).toBeNull();
  });

  it('shows why the API refused, and stays on the flag', async () => {
    const u = user();
    const { fake } = renderPage({
      flag: checkoutFlag({ archived: true }),
      routes: {
        [DELETE]: () =>
          apiError(409, 'conflict', 'Flag "login" in "production" has "checkout" as a prerequisite'),
      },
    });
    await openSettings(u);
    await u.click(screen.getByRole('button', { name: 'Delete this flag' }));
    const dialog = await screen.findByRole('alertdialog');
    await u.type(within(dialog).getByLabelText(/Type checkout to confirm/), 'checkout');
    await u.click(within(dialog).getByRole('button', { name: 'Delete flag' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Flag "login" in "production" has "checkout" as a prerequisite',
    );
    expect(fake.history.location.pathname).toBe(PATH);
  });

  it('shows a reader no delete control', async () => {
    const u = user();
    renderPage({ role: 'reader', flag: checkoutFlag({ archived: true }) });
    await openSettings(u);
    expect(await screen.findByText('Your role can read this flag but not change it.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
  });
});

describe('copying a flag to another environment', () => {
  const COPY = 'POST /api/v1/projects/web/flags/checkout/copy';

  async function openCopy(u: ReturnType<typeof user>) {
    await u.click(await screen.findByRole('button', { name: 'Copy to another environment…' }));
    return screen.findByRole('dialog', { name: 'Copy to another environment' });
  }

  it('shows which parts differ, sends the chosen parts with the versions shown, and shows the copied flag', async () => {
    const u = user();
    const sent: Record<string, unknown>[] = [];
    const { state } = renderPage({
      routes: {
        [COPY]: async (request) => {
          sent.push(await request.clone().json());
          const production = state.flag.environments.production;
          state.flag = checkoutFlag({
            environments: {
              ...state.flag.environments,
              staging: flagEnvironment({ on: true, rules: production?.rules ?? [], version: 8 }),
            },
          });
          return state.flag;
        },
      },
    });
    const dialog = await openCopy(u);
    expect(within(dialog).getByLabelText('Target environment')).toHaveValue('staging');
    // Production is off with a rule; staging is on without one.
    expect(within(dialog).getByRole('status')).toHaveTextContent('Will change in Staging: On/off, Rules');
    await u.click(within(dialog).getByRole('checkbox', { name: /On\/off/ }));
    expect(within(dialog).getByRole('status')).toHaveTextContent('Will change in Staging: Rules');
    expect(within(dialog).getByRole('checkbox', { name: /Targets/ })).toHaveAccessibleName('Targets (same)');
    await u.type(within(dialog).getByLabelText('Comment'), 'tested');
    await u.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent).toEqual([
      {
        source: { key: 'production', currentVersion: 3 },
        target: { key: 'staging', currentVersion: 7 },
        includedActions: [
          'updatePrerequisites',
          'updateTargets',
          'updateRules',
          'updateFallthrough',
          'updateOffVariation',
        ],
        comment: 'tested',
      },
    ]);
    expect(await screen.findByText('Copied the settings of Production to Staging.')).toBeInTheDocument();
    // The page shows the flag as the copy left it: opening the dialog again finds nothing left to copy but on/off.
    const again = await openCopy(u);
    expect(within(again).getByRole('status')).toHaveTextContent('Will change in Staging: On/off');
  });

  it('shows the API’s refusal in the dialog, naming the field', async () => {
    const u = user();
    renderPage({
      routes: {
        [COPY]: () =>
          apiError(
            400,
            'invalid_request',
            'unknown segment "beta"',
            'environments.staging.rules[0].clauses[0].values[0]',
          ),
      },
    });
    const dialog = await openCopy(u);
    await u.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'environments.staging.rules[0].clauses[0].values[0]: unknown segment "beta"',
    );
  });

  it('is not offered to a reader', async () => {
    renderPage({ role: 'reader' });
    expect(await screen.findByText('Your role can read this flag but not change it.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Copy to another environment…' })).toBeNull();
  });
});
