// The provider and hooks hold state and effects, so React Server Components (Next.js's App Router)
// must render them on the client. Rolldown keeps an entry module's directives, so this one stays
// the first statement of dist/index.js (test/e2e/packaging.test.ts checks).
'use client';

export { FlagStore } from './flag-store.js';
export { useFlag, useFlags, useSwitchboardClient } from './hooks.js';
export { SwitchboardProvider, type SwitchboardProviderProps } from './provider.js';
