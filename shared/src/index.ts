export * from './errors';
export * from './health';
export * from './headers';
export * from './offsets';
export * from './config';
