import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App.js';
import { applyChanges } from '../../app/live-updates.js';
import { apiError, type FakeRoutes, fakeApp } from '../../testing/fake-api.js';
import { auditEntry } from '../../testing/fixtures.js';
import { bodyOf, requestsTo, signedIn } from '../../testing/pages-fixture.js';
import type { Role } from '../auth/use-can.js';
import { segmentUsage } from './api/segment-usage.js';
import { checkSegmentRules, fromSegmentForm, rebaseEdit, toSegmentForm } from './segment-form-model.js';

const beta = {
  key: 'beta',
  name: 'Beta testers',
  description: 'Early access',
  tags: ['qa'],
  included: ['alice'],
  excluded: [],
  includedContexts: [{ contextKind: 'org', values: ['acme'] }],
  excludedContexts: [],
  rules: [{ id: 'r1', clauses: [{ attribute: 'email', op: 'endsWith', values: ['@example.com'] }] }],
  unbounded: false,
  salt: 's',
  version: 3,
};

/** A segment whose rule matches the members of `beta`. */
const staff = {
  ...beta,
  key: 'staff',
  name: 'Staff',
  description: '',
  tags: [],
  included: [],
  includedContexts: [],
  rules: [{ id: 'r2', clauses: [{ attribute: 'key', op: 'segmentMatch', values: ['beta'] }] }],
  version: 1,
};

const segmentsPath = '/api/v1/projects/web/environments/production/segments';
const flagTargeting = (segment: string) => ({
  key: 'checkout',
  environments: {
    production: {
      rules: [{ id: 'x', clauses: [{ attribute: 'key', op: 'segmentMatch', values: [segment] }] }],
    },
  },
});

/** Pastes instead of typing: `[` and `{` are key descriptors for user-event's `type`. */
async function replaceText(element: HTMLElement, text: string) {
  await userEvent.clear(element);
  await userEvent.click(element);
  await userEvent.paste(text);
}

function open(role: Role, routes: FakeRoutes = {}) {
  const fake = fakeApp(
    signedIn(role, {
      [`GET ${segmentsPath}`]: () => ({ items: [beta, staff] }),
      [`POST ${segmentsPath}`]: async (request) => ({ ...beta, ...((await bodyOf(request)) as object) }),
      [`PATCH ${segmentsPath}/beta`]: () => beta,
      'GET /api/v1/projects/web/flags': () => ({ items: [{ key: 'checkout' }, { key: 'search' }] }),
      'GET /api/v1/projects/web/flags/checkout': () => flagTargeting('beta'),
      'GET /api/v1/projects/web/flags/search': () => flagTargeting('other'),
      ...routes,
    }),
    { path: '/projects/web/environments/production/segments' },
  );
  render(<App {...fake.props} />);
  return fake;
}

describe('Segments page', () => {
  it('lists segments with the flags that use them', async () => {
    open('reader');
    const row = await screen.findByRole('row', { name: /Beta testers/ });
    expect(within(row).getByText('qa')).toBeInTheDocument();
    expect(await within(row).findByText('checkout')).toBeInTheDocument();
    expect(within(row).queryByText('search')).toBeNull();
  });

  it('names its table apart from the page, so no two landmarks share a name', async () => {
    open('reader');
    await screen.findByRole('row', { name: /Beta testers/ });
    expect(screen.getAllByRole('region', { name: 'Segments' })).toHaveLength(1);
  });

  it('lists the segments that use a segment too, links to them, and offers no delete while they do', async () => {
    open('writer');
    const row = await screen.findByRole('row', { name: /^Beta testers/ });
    expect(await within(row).findByRole('link', { name: 'checkout' })).toHaveAttribute(
      'href',
      '/projects/web/environments/production/flags/checkout',
    );
    expect(within(row).getByRole('link', { name: 'staff' })).toHaveAttribute(
      'href',
      '/projects/web/environments/production/segments?segment=staff',
    );
    expect(
      within(screen.getByRole('row', { name: /^Staff/ })).getByText('no flags or segments'),
    ).toBeInTheDocument();

    const remove = within(row).getByRole('button', { name: 'Delete Beta testers' });
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription(
      'Used by flag checkout, segment staff: remove it from their rules to delete it.',
    );
    expect(
      within(screen.getByRole('row', { name: /^Staff/ })).getByRole('button', { name: 'Delete Staff' }),
    ).toBeEnabled();

    await userEvent.click(within(row).getByRole('link', { name: 'staff' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit segment Staff' });
    expect(within(dialog).getByLabelText('Key')).toHaveValue('staff');
  });

  // A project's flags are read one by one for "Used by": a change to one must not read them all again.
  it('reads again only the flag that changed elsewhere, and enables Delete once it stops using the segment', async () => {
    let checkout = flagTargeting('beta');
    const fake = open('writer', {
      'GET /api/v1/projects/web/flags/checkout': () => checkout,
      [`GET ${segmentsPath}`]: () => ({ items: [beta] }),
    });
    const row = await screen.findByRole('row', { name: /^Beta testers/ });
    await within(row).findByRole('link', { name: 'checkout' });
    checkout = flagTargeting('other');
    await applyChanges(fake.api, fake.queryClient, 'web', [auditEntry('a1', 'update', 'checkout')]);
    await waitFor(() =>
      expect(within(row).getByRole('button', { name: 'Delete Beta testers' })).toBeEnabled(),
    );
    const reads = (flag: string) =>
      requestsTo(fake.requests, 'GET', `/api/v1/projects/web/flags/${flag}`).length;
    expect(reads('search')).toBe(1);
    expect(reads('checkout')).toBe(2);
  });

  it('offers the delete while the flags using a segment are unknown, and shows why the API refuses it', async () => {
    open('writer', {
      'GET /api/v1/projects/web/flags': () => apiError(500, 'internal', 'Internal error'),
      [`DELETE ${segmentsPath}/staff`]: () =>
        apiError(409, 'conflict', 'Segment "staff" is used by flag "search"'),
    });
    const row = await screen.findByRole('row', { name: /^Staff/ });
    expect(await within(row).findByText('flags unknown')).toBeInTheDocument();
    await userEvent.click(within(row).getByRole('button', { name: 'Delete Staff' }));
    const confirmation = await screen.findByRole('alertdialog', { name: 'Delete segment Staff?' });
    await userEvent.click(within(confirmation).getByRole('button', { name: 'Delete segment' }));
    expect(await within(confirmation).findByRole('alert')).toHaveTextContent(
      'Segment "staff" is used by flag "search"',
    );
  });

  it('creates a segment with targets per context kind and rules from the condition editor', async () => {
    const fake = open('writer');
    await userEvent.click(await screen.findByRole('button', { name: 'New segment' }));
    const dialog = await screen.findByRole('dialog', { name: 'New segment' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Staff');
    await userEvent.type(
      within(dialog).getByLabelText('Included user keys (one per line)'),
      'bob{enter}carol',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add context kind to included' }));
    const kinds = within(dialog).getAllByLabelText('Included context kind');
    await userEvent.type(kinds[1] as HTMLElement, 'org');
    await userEvent.type(within(dialog).getByLabelText('Included org keys (one per line)'), 'acme');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add a rule' }));
    expect(within(dialog).getByLabelText('Rule 1 condition 1 context kind')).toHaveFocus();
    await replaceText(within(dialog).getByLabelText('Rule 1 condition 1 attribute'), 'email');
    await userEvent.selectOptions(within(dialog).getByLabelText('Rule 1 condition 1 operator'), 'endsWith');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create segment' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'rules[0].clauses[0]: Enter at least one value.',
    );
    expect(requestsTo(fake.requests, 'POST', segmentsPath)).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('Rule 1 condition 1 values'), '@example.com');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create segment' }));
    await expect.poll(() => requestsTo(fake.requests, 'POST', segmentsPath).length).toBe(1);
    expect(await bodyOf(requestsTo(fake.requests, 'POST', segmentsPath)[0])).toEqual({
      key: 'staff',
      name: 'Staff',
      description: '',
      tags: [],
      included: ['bob', 'carol'],
      excluded: [],
      includedContexts: [{ contextKind: 'org', values: ['acme'] }],
      excludedContexts: [],
      rules: [
        {
          id: expect.any(String),
          clauses: [{ attribute: 'email', op: 'endsWith', values: ['@example.com'] }],
        },
      ],
    });
  });

  it('makes a new segment’s key from its name until the key is typed over', async () => {
    open('writer');
    await userEvent.click(await screen.findByRole('button', { name: 'New segment' }));
    const dialog = await screen.findByRole('dialog', { name: 'New segment' });
    const name = within(dialog).getByLabelText('Name');
    const key = within(dialog).getByLabelText('Key');
    await userEvent.type(name, 'Beta testers (EU)');
    expect(key).toHaveValue('beta-testers-eu');
    await userEvent.clear(key);
    await userEvent.type(key, 'beta-eu');
    await userEvent.type(name, ' 2');
    expect(key).toHaveValue('beta-eu');
  });

  it('saves an edit as a JSON Patch of the changed fields with If-Match', async () => {
    const fake = open('writer');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Beta testers' }));
    const dialog = await screen.findByRole('dialog', { name: /Edit segment/ });
    const name = within(dialog).getByLabelText('Name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Beta');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save segment' }));
    await expect.poll(() => requestsTo(fake.requests, 'PATCH', `${segmentsPath}/beta`).length).toBe(1);
    const [patch] = requestsTo(fake.requests, 'PATCH', `${segmentsPath}/beta`);
    expect(patch?.headers.get('if-match')).toBe('"3"');
    expect(await bodyOf(patch)).toEqual([{ op: 'replace', path: '/name', value: 'Beta' }]);
  });

  it('asks before Escape drops an unsaved edit, and closes an unchanged editor at once', async () => {
    open('writer');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Beta testers' }));
    const dialog = await screen.findByRole('dialog', { name: /Edit segment/ });
    await userEvent.type(within(dialog).getByLabelText('Name'), '!');
    await userEvent.keyboard('{Escape}');
    const ask = await screen.findByRole('alertdialog', { name: 'Discard your changes?' });
    await userEvent.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(within(dialog).getByLabelText('Name')).toHaveValue('Beta testers!');
    await userEvent.keyboard('{Escape}');
    await userEvent.click(
      within(await screen.findByRole('alertdialog', { name: 'Discard your changes?' })).getByRole('button', {
        name: 'Discard',
      }),
    );
    await expect.poll(() => screen.queryByRole('dialog', { name: /Edit segment/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Edit Beta testers' }));
    await screen.findByRole('dialog', { name: /Edit segment/ });
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => screen.queryByRole('dialog', { name: /Edit segment/ })).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('shows a reader the segment read-only, without create, save or delete', async () => {
    open('reader');
    await userEvent.click(await screen.findByRole('button', { name: 'View Beta testers' }));
    const dialog = await screen.findByRole('dialog', { name: /View segment/ });
    expect(within(dialog).getByLabelText('Name')).toBeDisabled();
    expect(within(dialog).queryByRole('button', { name: /Save/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New segment' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
  });
});

describe('when someone changed the segment meanwhile (409)', () => {
  /** Their version: a tag added, saved just before our PATCH. */
  const theirs = { ...beta, tags: ['qa', 'vip'], version: 4 };
  /** An edit of `beta` by `name`, which made `version`. */
  const edit = (id: string, name: string, version: number, comment?: string) => ({
    ...auditEntry(id, 'update', 'beta'),
    resource: 'segment',
    env: 'production',
    actor: { id: `t-${id}`, name },
    after: { version },
    ...(comment ? { comment } : {}),
  });
  const audit = { items: [edit('a1', 'Sam', 4, 'vip launch'), edit('a0', 'Old news', 3)] };

  /** Renames Beta testers to "Beta" and saves into their version. */
  async function saveIntoConflict() {
    const state = { segment: beta, conflicts: [theirs] };
    const fake = fakeApp(
      signedIn('writer', {
        [`GET ${segmentsPath}`]: () => ({ items: [state.segment] }),
        [`GET ${segmentsPath}/beta`]: () => state.segment,
        [`PATCH ${segmentsPath}/beta`]: () => {
          const next = state.conflicts.shift();
          if (!next) return state.segment;
          state.segment = next;
          return apiError(409, 'conflict', 'Version 3 is stale');
        },
        'GET /api/v1/projects/web/audit': () => audit,
        'GET /api/v1/projects/web/flags': () => ({ items: [] }),
      }),
      { path: '/projects/web/environments/production/segments' },
    );
    render(<App {...fake.props} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Beta testers' }));
    const editor = await screen.findByRole('dialog', { name: /Edit segment/ });
    await userEvent.clear(within(editor).getByLabelText('Name'));
    await userEvent.type(within(editor).getByLabelText('Name'), 'Beta');
    await userEvent.click(within(editor).getByRole('button', { name: 'Save segment' }));
    const conflict = await screen.findByRole('alertdialog', { name: 'Someone changed this segment' });
    return {
      fake,
      editor,
      conflict,
      patches: () => requestsTo(fake.requests, 'PATCH', `${segmentsPath}/beta`),
    };
  }

  it('shows who changed what, with their comment, next to the user’s change', async () => {
    const { conflict, editor } = await saveIntoConflict();
    expect(conflict).toHaveTextContent('Sam');
    expect(conflict).toHaveTextContent('“vip launch”');
    expect(conflict).not.toHaveTextContent('Old news');
    expect(conflict).toHaveTextContent('tags › 2: added "vip"');
    expect(conflict).toHaveTextContent('name: "Beta testers" → "Beta"');
    expect(within(editor).queryByText('Version 3 is stale')).toBeNull();
  });

  it('re-applies the edit onto their version and saves it against that version', async () => {
    const { conflict, editor, patches } = await saveIntoConflict();
    await userEvent.click(within(conflict).getByRole('button', { name: 'Re-apply my changes' }));
    // The keyboard goes on from the renewed editor's Save, not from the top of the page.
    await expect.poll(() => within(editor).getByRole('button', { name: 'Save segment' })).toHaveFocus();
    expect(within(editor).getByLabelText('Name')).toHaveValue('Beta');
    expect(within(editor).getByLabelText('Tags (comma-separated)')).toHaveValue('qa, vip');
    expect(within(editor).getByRole('status')).toHaveTextContent('re-applied onto the new version');
    await userEvent.click(within(editor).getByRole('button', { name: 'Save segment' }));
    await expect.poll(() => patches().length).toBe(2);
    expect(patches().map((p) => p.headers.get('if-match'))).toEqual(['"3"', '"4"']);
    expect(await bodyOf(patches()[1])).toEqual([{ op: 'replace', path: '/name', value: 'Beta' }]);
    await expect.poll(() => screen.queryByRole('dialog', { name: /Edit segment/ })).toBeNull();
  });

  it('discards the edit and shows their version', async () => {
    const { conflict, editor, patches } = await saveIntoConflict();
    await userEvent.click(within(conflict).getByRole('button', { name: 'Discard my changes' }));
    expect(within(editor).getByRole('status')).toHaveTextContent('Your changes were discarded.');
    expect(within(editor).getByLabelText('Name')).toHaveValue('Beta testers');
    expect(within(editor).getByLabelText('Tags (comma-separated)')).toHaveValue('qa, vip');
    expect(patches()).toHaveLength(1);
  });
});

describe('segment form model', () => {
  it('round-trips a segment through the editor state', () => {
    const form = toSegmentForm(beta);
    expect(form.included).toEqual([
      { contextKind: 'user', values: 'alice' },
      { contextKind: 'org', values: 'acme' },
    ]);
    const { name, description, tags, included, excluded, includedContexts, excludedContexts, rules } = beta;
    expect(fromSegmentForm(form, () => 'new')).toEqual({
      name,
      description,
      tags,
      included,
      excluded,
      includedContexts,
      excludedContexts,
      rules,
    });
  });

  it('names the clause that is wrong and gives rules without an id one', () => {
    const clause = { attribute: 'version', op: 'semVerGreaterThan', values: ['one.two'] };
    expect(() =>
      checkSegmentRules(
        [
          { id: 'r1', clauses: [] },
          { id: 'r2', clauses: [clause] },
        ],
        () => 'x',
      ),
    ).toThrow('rules[1].clauses[0]: Value 1 must be a semantic version such as 1.2.3.');
    expect(checkSegmentRules([{ id: '', clauses: [{ ...clause, values: ['1.2.0'] }] }], () => 'x')).toEqual([
      { id: 'x', clauses: [{ ...clause, values: ['1.2.0'] }] },
    ]);
  });

  it('re-applies the changed fields onto a newer version and names those both sides changed', () => {
    const fresh = { ...beta, tags: ['vip'], description: 'Early access, wider', version: 4 };
    const fields = fromSegmentForm(
      toSegmentForm({ ...beta, name: 'Beta', tags: ['qa', 'staff'] }),
      () => 'x',
    );
    expect(rebaseEdit(beta, fresh, fields)).toEqual({
      segment: { ...fresh, name: 'Beta', tags: ['qa', 'staff'] },
      overlapping: ['tags'],
    });
  });

  it('finds the flags or segments whose rules match a segment', () => {
    const rules = (op: string, values: unknown[]) => [{ clauses: [{ op, values }] }];
    expect(
      segmentUsage([
        { key: 'a', rules: rules('segmentMatch', ['beta', 'staff']) },
        { key: 'b', rules: rules('in', ['beta']) },
        { key: 'c', rules: [] },
      ]),
    ).toEqual(
      new Map([
        ['beta', ['a']],
        ['staff', ['a']],
      ]),
    );
  });
});
