export * from './errors';
export * from './limits';
export * from './schemas/problem';
export * from './schemas/auth';
export * from './schemas/capture';
export * from './file-signature';
