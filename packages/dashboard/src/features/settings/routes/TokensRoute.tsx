import { useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { CreateDialog } from '../../../components/CreateDialog.js';
import { QueryState } from '../../../components/QueryState.js';
import { SecretOnce } from '../../../components/SecretOnce.js';
import { TextField } from '../../../components/TextField.js';
import type { Role } from '../../auth/use-can.js';
import { useTokens } from '../api/tokens.js';
import '../../../components/pages.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const roles: readonly Role[] = ['reader', 'writer', 'admin'];

/** API tokens (the route answers 403 to non-admins, which shows the "not allowed" page). */
export function TokensRoute() {
  const { list, create, revoke } = useTokens();
  const [created, setCreated] = useState<{ name: string; token: string }>();
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-header">
        <h1 id="page-title">API tokens</h1>
        {list.data && <CreateToken create={create} onCreated={setCreated} />}
      </div>
      {created && <SecretOnce label={`API token ${created.name}`} secret={created.token} />}
      {!list.data ? (
        <QueryState error={list.error} label="API tokens" />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>
                  <span className="badge">{token.role}</span>
                </td>
                <td>{dateFormat.format(new Date(token.createdAt))}</td>
                <td>
                  {token.revokedAt ? (
                    <span className="muted">Revoked {dateFormat.format(new Date(token.revokedAt))}</span>
                  ) : (
                    <ConfirmDialog
                      trigger={
                        <button type="button" className="button button-small button-danger-outline">
                          Revoke<span className="visually-hidden"> {token.name}</span>
                        </button>
                      }
                      title={`Revoke ${token.name}?`}
                      description={
                        <p>Requests with this token are refused from now on. This cannot be undone.</p>
                      }
                      confirmLabel="Revoke token"
                      danger
                      onConfirm={() => revoke.mutateAsync(token.id)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CreateToken({
  create,
  onCreated,
}: {
  create: ReturnType<typeof useTokens>['create'];
  onCreated: (token: { name: string; token: string }) => void;
}) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('reader');
  const id = useId();
  return (
    <CreateDialog
      openLabel="New token"
      title="New API token"
      submitLabel="Create token"
      onSubmit={async () => {
        const token = await create.mutateAsync({ name, role });
        setName('');
        onCreated(token);
      }}
    >
      <TextField label="Name" required value={name} onChange={setName} />
      <label htmlFor={id}>Role</label>
      <select id={id} value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </CreateDialog>
  );
}
