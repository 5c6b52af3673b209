export { FlagStore } from './flag-store.js';
export { useFlag, useFlags, useSwitchboardClient } from './hooks.js';
export { SwitchboardProvider, type SwitchboardProviderProps } from './provider.js';
