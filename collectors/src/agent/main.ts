import { parseAgentConfig } from '@eventscope/shared';
import type { Logger } from '../logger';
import { createAgent } from './agent';

/** `npm run agent`: a collector agent for one cluster, pushing to a remote Eventscope api. */
const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

function jsonLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  const min = levels.indexOf(level);
  const write = (lvl: string) => (obj: object, msg?: string) => {
    if (level === 'silent' || levels.indexOf(lvl) < min) return;
    process.stdout.write(
      `${JSON.stringify({ level: lvl, time: new Date().toISOString(), ...bindings, ...obj, msg })}\n`,
    );
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => jsonLogger(level, { ...bindings, ...more }),
  };
}

const parsed = parseAgentConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`eventscope-agent: ${parsed.message}\n`);
  process.exit(2);
}
const { config } = parsed;
const logger = jsonLogger(config.logLevel, { service: 'eventscope-agent' });
const agent = createAgent({
  cluster: config.cluster,
  apiUrl: config.apiUrl,
  token: config.token,
  intervalMs: config.sampleIntervalMs,
  logger,
});
agent.start();
logger.info({ cluster: config.cluster.id, api: config.apiUrl }, 'agent started');
const stop = (): void => void agent.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
