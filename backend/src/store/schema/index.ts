export * from './tenants';
export * from './users';
export * from './sessions';
export * from './captures';
export * from './idempotency-keys';
export * from './rate-limit-counters';
