export { startApp, StartupError, type RunningApp } from './app';
export { createServer, type ServerDeps } from './http/server';
export { createLogger, type Logger } from './logging';
