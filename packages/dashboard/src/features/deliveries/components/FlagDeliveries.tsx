import { Link } from '@tanstack/react-router';
import { QueryState } from '../../../components/QueryState.js';
import { useEnvironments } from '../../settings/api/list-environments.js';
import { type Delivery, useDeliveries } from '../api/get-deliveries.js';
import '../../../components/pages.css';
import { TableScroll } from '../../../components/TableScroll.js';

const number = new Intl.NumberFormat();
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

type LatencyRange = Delivery['latencyRangeMs']['p50'];

/**
 * A percentile as the histogram knows it: the bucket it falls in ("100–150 ms"), not a figure
 * estimated inside the bucket, which one SDK's ack would make look measured.
 */
export function latencyText(range: LatencyRange): string {
  if (range === null) return '–';
  if (range.toMs === null) return `over ${number.format(range.fromMs)} ms`;
  if (range.fromMs === 0) return `up to ${number.format(range.toMs)} ms`;
  return `${number.format(range.fromMs)}–${number.format(range.toMs)} ms`;
}

/** "applied by 998 of 1,000 connected SDKs" (estimated when sampled). */
export function appliedSummary(delivery: Delivery): string {
  const sampled = delivery.sampleRate !== null && delivery.sampleRate < 1;
  return `${sampled ? '≈ ' : ''}${number.format(delivery.applied)} of ${number.format(delivery.connected)} connected SDKs`;
}

/**
 * Delivery receipts of a flag in one environment: for each of its latest changes, how many
 * connected SDKs applied it and how fast (server-measured latency percentiles). When the
 * environment has receipts off, it says so and links to the setting (receipts from before stay listed).
 *
 * @example
 * <FlagDeliveries project="web" flag="new-checkout" env="production" />
 */
export function FlagDeliveries({ project, flag, env }: { project: string; flag: string; env: string }) {
  const deliveries = useDeliveries({ project, env, flag });
  const environment = useEnvironments(project).data?.find((e) => e.key === env);
  if (!deliveries.data) return <QueryState error={deliveries.error} label="deliveries" />;
  const rows = deliveries.data.deliveries;
  const off = environment !== undefined && !environment.receipts?.enabled;
  return (
    <section className="deliveries" aria-label={`Delivery of ${flag}`}>
      {off && (
        <p className="notice">
          Delivery receipts are off in {environment.name}, so its changes record no deliveries. Turn them on
          in{' '}
          <Link to="/projects/$project/settings/environments" params={{ project }} hash="delivery-receipts">
            Environments and keys
          </Link>
          .
        </p>
      )}
      {rows.length === 0 ? (
        !off && (
          <p className="muted">
            No delivery receipts yet: changes made from now on are recorded once SDKs acknowledge them.
          </p>
        )
      ) : (
        <TableScroll label="Latest changes and their delivery">
          <table className="table">
            <caption>
              Latest changes: SDKs that applied each one, and how long after the commit (the latency bucket
              each percentile falls in)
            </caption>
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
                  <td className="numeric">{latencyText(delivery.latencyRangeMs.p50)}</td>
                  <td className="numeric">{latencyText(delivery.latencyRangeMs.p99)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
