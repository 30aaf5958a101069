export * from './canonical-json';
export * from './manifest';
export * from './receipt';
export * from './chain-proof';
export * from './bundle';
export * from './artefacts';
