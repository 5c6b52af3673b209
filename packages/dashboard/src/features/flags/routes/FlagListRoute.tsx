import { Placeholder } from '../../../components/Placeholder.js';

/** `/projects/:project/environments/:env/flags` */
export function FlagListRoute() {
  return <Placeholder title="Flags" />;
}
