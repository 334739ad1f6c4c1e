import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDirs } from '@eventscope/tools/scratch';

const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));
const scratch = scratchDirs();
afterAll(() => scratch.remove());

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', mainFile], {
      env: { PATH: process.env.PATH ?? '', EVENTSCOPE_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    // 'close', not 'exit': the stderr pipe can still hold the last line when the process exits.
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('bad configuration stops the start with one line naming the setting', () => {
  it.each([
    ['EVENTSCOPE_PORT', { EVENTSCOPE_PORT: 'abc' }],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'not a broker list' }],
  ])('%s', async (setting, env) => {
    const { code, stderr } = await runMain(env);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(setting);
  });

  it('DATABASE_URL that nothing answers, without echoing its password', async () => {
    const port = await closedPort();
    const { code, stderr } = await runMain({
      DATABASE_URL: `postgres://eventscope:hunter2-secret@127.0.0.1:${port}/eventscope`,
      EVENTSCOPE_PORT: '0',
      EVENTSCOPE_DATA_DIR: scratch.make('es-main-'),
    });
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).not.toContain('hunter2-secret');
  });
});
