export * from './cors.js';
export * from './event-sources.js';
export * from './functions.js';
export * from './routes.js';
export * from './schedules.js';
export * from './tables.js';
export * from './throttles.js';
