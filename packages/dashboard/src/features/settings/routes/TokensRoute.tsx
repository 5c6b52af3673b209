import { useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { CreateDialog } from '../../../components/CreateDialog.js';
import { OverlapHoursField, overlapHours } from '../../../components/OverlapHoursField.js';
import { QueryState } from '../../../components/QueryState.js';
import { SecretOnce } from '../../../components/SecretOnce.js';
import { TextField } from '../../../components/TextField.js';
import type { Role } from '../../auth/use-can.js';
import { useProjects } from '../api/list-projects.js';
import { type NewToken, useTokens } from '../api/tokens.js';
import { TokenHistory } from '../components/TokenHistory.js';
import '../../../components/pages.css';
import { TableScroll } from '../../../components/TableScroll.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const roles: readonly Role[] = ['reader', 'writer', 'admin'];

type Token = NonNullable<ReturnType<typeof useTokens>['list']['data']>[number];
type Mutations = ReturnType<typeof useTokens>;

/** A global role, or each project's role ("web: writer, api: reader"). */
function scopeOf(token: Pick<Token, 'role' | 'projects'>): string {
  if (token.role) return `${token.role}, all projects`;
  return Object.entries(token.projects ?? {})
    .map(([project, role]) => `${project}: ${role}`)
    .join(', ');
}

/**
 * API tokens and their history. The API answers 403 to all but global admins: the list's answer
 * decides what the page shows, so the history (refused alike) is asked for only once the list came.
 */
export function TokensRoute() {
  const mutations = useTokens();
  const { list } = mutations;
  const [secret, setSecret] = useState<{ id: string; label: string; token: string }>();
  // A secret of a token revoked since (here or elsewhere) no longer works: its panel goes.
  const revoked = list.data?.some((t) => t.id === secret?.id && t.revokedAt);
  const now = new Date().toISOString();
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-header">
        <h1 id="page-title">API tokens</h1>
        {list.data && (
          <CreateToken
            create={mutations.create}
            onCreated={(t) => setSecret({ id: t.id, label: `API token ${t.name}`, token: t.token })}
          />
        )}
      </div>
      {secret && !revoked && <SecretOnce label={secret.label} secret={secret.token} />}
      {!list.data ? (
        <QueryState error={list.error} label="API tokens" />
      ) : (
        <TableScroll label="API tokens table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scope</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>
                    <span className="badge">{scopeOf(token)}</span>
                  </td>
                  <td>
                    {dateFormat.format(new Date(token.createdAt))}
                    {token.rotatedAt && (
                      <div className="muted">Rotated {dateFormat.format(new Date(token.rotatedAt))}</div>
                    )}
                  </td>
                  <td>{token.expiresAt ? dateFormat.format(new Date(token.expiresAt)) : 'Never'}</td>
                  <td>
                    {token.revokedAt ? (
                      <span className="muted">Revoked {dateFormat.format(new Date(token.revokedAt))}</span>
                    ) : token.expiresAt && token.expiresAt <= now ? (
                      <span className="muted">Expired</span>
                    ) : (
                      <div className="actions">
                        <RotateToken
                          token={token}
                          rotate={mutations.rotate}
                          onRotated={(next) =>
                            setSecret({ id: token.id, label: `secret of ${token.name}`, token: next })
                          }
                        />
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
                          onConfirm={() => mutations.revoke.mutateAsync(token.id)}
                        />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {list.data && (
        <>
          <h2>History</h2>
          <TokenHistory />
        </>
      )}
    </section>
  );
}

function RotateToken({
  token,
  rotate,
  onRotated,
}: {
  token: Token;
  rotate: Mutations['rotate'];
  onRotated: (secret: string) => void;
}) {
  const [hours, setHours] = useState('0');
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="button button-small">
          Rotate<span className="visually-hidden"> {token.name}</span>
        </button>
      }
      title={`Rotate ${token.name}?`}
      description={
        <>
          <p>A new secret replaces the current one; its scope and expiry stay as they are.</p>
          <OverlapHoursField
            label="Hours the current secret keeps working (0 stops it now)"
            value={hours}
            onChange={setHours}
          />
        </>
      }
      confirmLabel="Rotate token"
      onConfirm={async () => {
        const rotated = await rotate.mutateAsync({ id: token.id, expiryHours: overlapHours(hours) });
        onRotated(rotated.token);
      }}
    />
  );
}

const scopes = [
  ['global', 'All projects'],
  ['projects', 'Chosen projects'],
] as const;

/** `'none'`: the token gets no access to that project. */
type ProjectChoice = Role | 'none';

function CreateToken({
  create,
  onCreated,
}: {
  create: Mutations['create'];
  onCreated: (token: { id: string; name: string; token: string }) => void;
}) {
  const { data: projects = [] } = useProjects();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'global' | 'projects'>('global');
  const [role, setRole] = useState<Role>('reader');
  const [projectRoles, setProjectRoles] = useState<Record<string, ProjectChoice>>({});
  const [days, setDays] = useState('');
  const id = useId();
  const body = (): NewToken => {
    const expiry = days ? { expiresInDays: Number(days) } : {};
    if (scope === 'global') return { name, role, ...expiry };
    const chosen = Object.entries(projectRoles).filter(([, r]) => r !== 'none') as [string, Role][];
    return { name, projects: Object.fromEntries(chosen), ...expiry };
  };
  return (
    <CreateDialog
      trigger="New token"
      title="New API token"
      submitLabel="Create token"
      onSubmit={async () => {
        const token = await create.mutateAsync(body());
        setName('');
        setProjectRoles({});
        setDays('');
        onCreated(token);
      }}
    >
      <TextField label="Name" required value={name} onChange={setName} />
      <fieldset className="plain-fieldset">
        <legend>Scope</legend>
        {scopes.map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name={`${id}-scope`}
              checked={scope === value}
              onChange={() => setScope(value)}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      {scope === 'global' ? (
        <>
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </>
      ) : (
        <fieldset className="plain-fieldset">
          <legend>Role per project</legend>
          {projects.map((project) => (
            <label key={project.key}>
              {project.name}{' '}
              <select
                aria-label={`Role in ${project.name}`}
                value={projectRoles[project.key] ?? 'none'}
                onChange={(e) =>
                  setProjectRoles({ ...projectRoles, [project.key]: e.target.value as ProjectChoice })
                }
              >
                <option value="none">no access</option>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      )}
      <TextField
        label="Expires after (days, empty for never)"
        type="number"
        min={1}
        max={3650}
        value={days}
        onChange={setDays}
      />
    </CreateDialog>
  );
}
