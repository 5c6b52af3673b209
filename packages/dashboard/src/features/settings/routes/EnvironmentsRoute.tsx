import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { CopyButton } from '../../../components/CopyButton.js';
import { CreateDialog } from '../../../components/CreateDialog.js';
import { NameAndKeyFields } from '../../../components/NameAndKeyFields.js';
import { OverlapHoursField, overlapHours } from '../../../components/OverlapHoursField.js';
import { QueryState } from '../../../components/QueryState.js';
import { SecretOnce } from '../../../components/SecretOnce.js';
import { TextField } from '../../../components/TextField.js';
import { useCan } from '../../auth/use-can.js';
import { useEnvironments } from '../api/list-environments.js';
import { useEnvironmentMutations } from '../api/manage-environments.js';
import { ReceiptsSetting } from '../components/ReceiptsSetting.js';
import '../../../components/pages.css';
import { TableScroll } from '../../../components/TableScroll.js';

type Environment = NonNullable<ReturnType<typeof useEnvironments>['data']>[number];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A project's environments with their client-side IDs, SDK keys and delivery receipts setting;
 * writers set receipts, rename and recolour, admins create, delete and rotate.
 */
export function EnvironmentsRoute() {
  const { project } = useParams({ from: '/projects/$project/settings/environments' });
  const environments = useEnvironments(project);
  const isAdmin = useCan('admin', project);
  const isWriter = useCan('writer', project);
  const mutations = useEnvironmentMutations(project);
  const [secret, setSecret] = useState<NewKey>();
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-header">
        <h1 id="page-title">Environments and keys</h1>
        {isAdmin && (
          <CreateEnvironment
            mutations={mutations}
            onCreated={(created) =>
              setSecret({ env: created.key, label: `SDK key of ${created.name}`, value: created.sdkKey })
            }
          />
        )}
      </div>
      {secret && stillListed(secret, environments.data) && (
        <SecretOnce label={secret.label} secret={secret.value} />
      )}
      {!environments.data ? (
        <QueryState error={environments.error} label="environments" />
      ) : (
        <TableScroll label="Environments table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Environment</th>
                <th scope="col">Client-side ID</th>
                <th scope="col">Server-side SDK keys</th>
                <th scope="col" id="delivery-receipts">
                  Delivery receipts
                </th>
                {isWriter && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {environments.data.map((env) => (
                <tr key={env.key}>
                  <th scope="row">
                    <span
                      className="swatch"
                      style={{ background: normalColor(env.color) }}
                      aria-hidden="true"
                    />
                    {env.name} <code className="muted">{env.key}</code>
                  </th>
                  <td>
                    <code>{env.clientSideId}</code>{' '}
                    <CopyButton value={env.clientSideId} label={`Copy client-side ID of ${env.name}`} />
                  </td>
                  <td>
                    <ul className="plain">
                      {env.sdkKeys.map((key) => (
                        <li key={key.id}>
                          <code>…{key.last4}</code>{' '}
                          <span className="muted">
                            {key.expiresAt
                              ? `expires ${dateFormat.format(new Date(key.expiresAt))}`
                              : `created ${dateFormat.format(new Date(key.createdAt))}`}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <ReceiptsSetting project={project} env={env} canEdit={isWriter} />
                  </td>
                  {isWriter && (
                    <td>
                      <div className="actions">
                        <EditEnvironment env={env} mutations={mutations} />
                        {isAdmin && (
                          <>
                            <RotateKey
                              env={env}
                              mutations={mutations}
                              onRotated={(sdkKey) =>
                                setSecret({ env: env.key, label: `SDK key of ${env.name}`, value: sdkKey })
                              }
                            />
                            <ConfirmDialog
                              trigger={
                                <button type="button" className="button button-small button-danger-outline">
                                  Delete<span className="visually-hidden"> {env.name}</span>
                                </button>
                              }
                              title={`Delete ${env.name}?`}
                              description={
                                <p>
                                  Every flag and segment loses its {env.name} configuration, and SDKs using
                                  its keys stop receiving flags. This cannot be undone.
                                </p>
                              }
                              typedConfirmation={env.key}
                              confirmLabel="Delete environment"
                              danger
                              onConfirm={() => mutations.remove.mutateAsync(env.key)}
                            />
                          </>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** An SDK key just issued, shown once: its environment, and the key itself. */
interface NewKey {
  readonly env: string;
  readonly label: string;
  readonly value: string;
}

/**
 * Whether a new key is still one its environment lists (by its last four characters): once the
 * environment is deleted or the key revoked (another rotation, here or elsewhere) its panel goes,
 * rather than offering a secret that no longer works. While the list loads it stays.
 */
const stillListed = (key: NewKey, environments: readonly Environment[] | undefined): boolean =>
  !environments ||
  (environments.find((e) => e.key === key.env)?.sdkKeys.some((k) => key.value.endsWith(k.last4)) ?? false);

const emptyEnvironment = { key: '', name: '', keyEdited: false, color: '#3366ff' };

const normalColor = (color: string) => (color.startsWith('#') ? color : `#${color}`);

type Mutations = ReturnType<typeof useEnvironmentMutations>;

/** Renames an environment and changes its colour (writers); its key stays. */
function EditEnvironment({ env, mutations }: { env: Environment; mutations: Mutations }) {
  const saved = { name: env.name, color: normalColor(env.color) };
  const [form, setForm] = useState(saved);
  return (
    <CreateDialog
      trigger={
        <button type="button" className="button button-small">
          Edit<span className="visually-hidden"> {env.name}</span>
        </button>
      }
      onOpen={() => setForm(saved)}
      title={`Edit ${env.name}`}
      submitLabel="Save environment"
      onSubmit={async () => {
        const name = form.name.trim();
        if (name === saved.name && form.color === saved.color) return;
        await mutations.update.mutateAsync({
          env: env.key,
          version: env.version,
          ...(name === saved.name ? {} : { name }),
          ...(form.color === saved.color ? {} : { color: form.color }),
        });
      }}
    >
      <TextField label="Name" required value={form.name} onChange={(name) => setForm({ ...form, name })} />
      <TextField
        label="Colour"
        type="color"
        value={form.color}
        onChange={(color) => setForm({ ...form, color })}
      />
    </CreateDialog>
  );
}

function RotateKey({
  env,
  mutations,
  onRotated,
}: {
  env: Environment;
  mutations: Mutations;
  onRotated: (sdkKey: string) => void;
}) {
  const [hours, setHours] = useState('24');
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="button button-small">
          Rotate SDK key<span className="visually-hidden"> of {env.name}</span>
        </button>
      }
      title={`Rotate the SDK key of ${env.name}?`}
      description={
        <>
          <p>
            A new server-side SDK key is issued. The current key keeps working for the overlap you choose, so
            servers can be redeployed with the new one.
          </p>
          <OverlapHoursField
            label="Hours the current key keeps working (0 revokes it now)"
            value={hours}
            onChange={setHours}
          />
        </>
      }
      confirmLabel="Rotate key"
      onConfirm={async () => {
        const rotated = await mutations.rotate.mutateAsync({
          env: env.key,
          expiryHours: overlapHours(hours),
        });
        onRotated(rotated.sdkKey);
      }}
    />
  );
}

function CreateEnvironment({
  mutations,
  onCreated,
}: {
  mutations: Mutations;
  onCreated: (created: { key: string; name: string; sdkKey: string }) => void;
}) {
  const [form, setForm] = useState(emptyEnvironment);
  return (
    <CreateDialog
      trigger="New environment"
      title="New environment"
      submitLabel="Create environment"
      onSubmit={async () => {
        const { key, name, color } = form;
        const created = await mutations.create.mutateAsync({ key, name, color });
        setForm(emptyEnvironment);
        onCreated(created);
      }}
    >
      <NameAndKeyFields form={form} onChange={setForm} />
      <TextField
        label="Colour"
        type="color"
        value={form.color}
        onChange={(color) => setForm({ ...form, color })}
      />
    </CreateDialog>
  );
}
