import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../app/App.js';
import { fakeApp } from '../../../testing/fake-api.js';
import { environment } from '../../../testing/fixtures.js';
import { bodyOf, requestsTo, signedIn } from '../../../testing/pages-fixture.js';
import { percentOf, sampleRateOf } from './ReceiptsSetting.js';

const envPath = '/api/v1/projects/web/environments';
const PATCH_PRODUCTION = `PATCH ${envPath}/production`;

const withReceipts = (key: string, name: string, receipts: { enabled: boolean; sampleRate: number }) => ({
  ...environment(key, name),
  receipts,
});

/** The environments page; staging has receipts on at 10%, production has none. */
function openEnvironments(
  role: 'reader' | 'writer',
  patch?: (request: Request) => Promise<Response | object>,
) {
  const fake = fakeApp(
    signedIn(role, {
      [`GET ${envPath}`]: () => ({
        items: [
          environment('production', 'Production'),
          withReceipts('staging', 'Staging', { enabled: true, sampleRate: 0.1 }),
        ],
      }),
      [PATCH_PRODUCTION]: async (request) =>
        patch
          ? patch(request)
          : withReceipts('production', 'Production', { enabled: true, sampleRate: 0.25 }),
    }),
    { path: '/projects/web/settings/environments' },
  );
  render(<App {...fake.props} />);
  return fake;
}

const patches = (fake: ReturnType<typeof fakeApp>) =>
  requestsTo(fake.requests, 'PATCH', `${envPath}/production`);

describe('the delivery receipts setting', () => {
  it('turns receipts on at the chosen percentage with the updateReceipts instruction', async () => {
    const user = userEvent.setup();
    const fake = openEnvironments('writer');
    const toggle = await screen.findByRole('switch', { name: 'Delivery receipts in Production' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    const rate = screen.getByLabelText('Sampled SDKs (%) in Production');
    expect(rate).toHaveValue(100);
    await user.clear(rate);
    await user.type(rate, '25');
    await user.click(screen.getByRole('button', { name: 'Save delivery receipts of Production' }));
    expect(await screen.findByText('Saved')).toHaveAttribute('role', 'status');
    expect(await bodyOf(patches(fake)[0])).toEqual({
      instructions: [{ kind: 'updateReceipts', enabled: true, sampleRate: 0.25 }],
    });
  });

  it('starts from the stored setting', async () => {
    openEnvironments('writer');
    expect(await screen.findByRole('switch', { name: 'Delivery receipts in Staging' })).toBeChecked();
    expect(screen.getByLabelText('Sampled SDKs (%) in Staging')).toHaveValue(10);
  });

  it('asks for a rate only while receipts are on, and turns them off without one', async () => {
    const user = userEvent.setup();
    const fake = openEnvironments('writer', async () =>
      withReceipts('production', 'Production', { enabled: false, sampleRate: 0.25 }),
    );
    const toggle = await screen.findByRole('switch', { name: 'Delivery receipts in Production' });
    expect(screen.queryByLabelText('Sampled SDKs (%) in Production')).toBeNull();
    await user.click(toggle);
    await user.clear(screen.getByLabelText('Sampled SDKs (%) in Production'));
    await user.click(toggle);
    expect(screen.queryByLabelText('Sampled SDKs (%) in Production')).toBeNull();
    // The rate left empty while off is neither checked nor sent: the API keeps the stored one.
    await user.click(screen.getByRole('button', { name: 'Save delivery receipts of Production' }));
    expect(await screen.findByText('Saved')).toHaveAttribute('role', 'status');
    expect(await bodyOf(patches(fake)[0])).toEqual({
      instructions: [{ kind: 'updateReceipts', enabled: false }],
    });
  });

  it.each(['0', '150', ''])('refuses %j next to the field and sends nothing', async (typed) => {
    const user = userEvent.setup();
    const fake = openEnvironments('writer');
    await user.click(await screen.findByRole('switch', { name: 'Delivery receipts in Production' }));
    const rate = screen.getByLabelText('Sampled SDKs (%) in Production');
    await user.clear(rate);
    if (typed) await user.type(rate, typed);
    await user.click(screen.getByRole('button', { name: 'Save delivery receipts of Production' }));
    expect(rate).toHaveAttribute('aria-invalid', 'true');
    expect(rate).toHaveAccessibleDescription('Enter a percentage above 0 and at most 100.');
    expect(patches(fake)).toHaveLength(0);
  });

  it("shows the API's refusal of the rate next to the field", async () => {
    const user = userEvent.setup();
    openEnvironments(
      'writer',
      async () =>
        new Response(
          JSON.stringify({
            error: {
              code: 'invalid_request',
              message: 'instructions[0].sampleRate: must be at most 1',
              field: 'instructions[0].sampleRate',
            },
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
    );
    await user.click(await screen.findByRole('switch', { name: 'Delivery receipts in Production' }));
    const rate = screen.getByLabelText('Sampled SDKs (%) in Production');
    await user.click(screen.getByRole('button', { name: 'Save delivery receipts of Production' }));
    expect(await screen.findByText('instructions[0].sampleRate: must be at most 1')).toBeInTheDocument();
    expect(rate).toHaveAttribute('aria-invalid', 'true');
    expect(rate).toHaveAccessibleDescription('instructions[0].sampleRate: must be at most 1');
  });

  it('shows a reader the setting without controls', async () => {
    openEnvironments('reader');
    const staging = (await screen.findByRole('rowheader', { name: /Staging/ })).closest('tr') as HTMLElement;
    expect(within(staging).getByText('On, 10% of SDKs acknowledge')).toBeInTheDocument();
    const production = screen.getByRole('rowheader', { name: /Production/ }).closest('tr') as HTMLElement;
    expect(within(production).getByText('Off')).toBeInTheDocument();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.queryByRole('button', { name: /Save delivery receipts/ })).toBeNull();
  });
});

describe('percentages and sampling rates', () => {
  it.each([
    ['10', 0.1],
    ['100', 1],
    ['0.5', 0.005],
    [' 25 ', 0.25],
  ])('reads %j as %d', (percent, rate) => {
    expect(sampleRateOf(percent)).toBe(rate);
  });

  it.each(['0', '-5', '100.1', 'ten', '', 'Infinity', '0x10', '0b1'])('refuses %j', (percent) => {
    expect(sampleRateOf(percent)).toEqual({ error: expect.stringContaining('percentage') });
  });

  it('shows a rate as a percentage without float noise', () => {
    expect(percentOf(0.07)).toBe('7');
    expect(percentOf(0.001)).toBe('0.1');
  });
});
