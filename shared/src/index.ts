export * from './errors';
export * from './health';
export * from './headers';
export * from './offsets';
export * from './config';
export * from './auth';
export * from './redact';
export * from './stream';
