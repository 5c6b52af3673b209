import { QueryState } from '../../../components/QueryState.js';
import { type Delivery, useDeliveries } from '../api/get-deliveries.js';
import '../../../components/pages.css';

const number = new Intl.NumberFormat();
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const ms = (value: number | null) => (value === null ? '–' : `${number.format(value)} ms`);

/** "applied by 998 of 1,000 connected SDKs" (estimated when sampled). */
export function appliedSummary(delivery: Delivery): string {
  const sampled = delivery.sampleRate !== null && delivery.sampleRate < 1;
  return `${sampled ? '≈ ' : ''}${number.format(delivery.applied)} of ${number.format(delivery.connected)} connected SDKs`;
}

/**
 * Delivery receipts of a flag in one environment: for each of its latest changes, how many
 * connected SDKs applied it and how fast (server-measured latency percentiles). Environments that
 * have not turned receipts on show how to.
 *
 * @example
 * <FlagDeliveries project="web" flag="new-checkout" env="production" />
 */
export function FlagDeliveries({ project, flag, env }: { project: string; flag: string; env: string }) {
  const deliveries = useDeliveries({ project, env, flag });
  if (!deliveries.data) return <QueryState error={deliveries.error} label="deliveries" />;
  const rows = deliveries.data.deliveries;
  return (
    <section className="deliveries" aria-label={`Delivery of ${flag}`}>
      {rows.length === 0 ? (
        <p className="muted">
          No delivery receipts yet. They are recorded for changes made while the environment has delivery
          receipts turned on (its <code>receipts</code> setting).
        </p>
      ) : (
        <table className="table">
          <caption>Latest changes: SDKs that applied each one, and how long after the commit</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Committed</th>
              <th scope="col">Applied by</th>
              <th scope="col" className="numeric">
                p50
              </th>
              <th scope="col" className="numeric">
                p99
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((delivery) => (
              <tr key={delivery.version}>
                <th scope="row">{delivery.version}</th>
                <td>{delivery.committedAt ? timeFormat.format(new Date(delivery.committedAt)) : '–'}</td>
                <td>
                  {appliedSummary(delivery)}
                  {delivery.sampleRate !== null && delivery.sampleRate < 1 && (
                    <span className="muted"> ({number.format(delivery.acks)} sampled acks)</span>
                  )}
                </td>
                <td className="numeric">{ms(delivery.latencyMs.p50)}</td>
                <td className="numeric">{ms(delivery.latencyMs.p99)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
