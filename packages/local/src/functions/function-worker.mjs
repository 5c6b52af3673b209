// A worker thread's entry: plain JavaScript, because TypeScript loads only once tsx is registered
// in this thread (the parent may run under vitest or tsx, whose hooks do not reach workers).
import { register } from 'tsx/esm/api';

register();
await import('./function-host.ts');
