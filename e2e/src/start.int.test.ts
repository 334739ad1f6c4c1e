import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HealthSchema } from '@eventscope/shared';
import { launchBrowser, screenshot, watchConsole } from './browser';
import { processesMatching, spawnWithOutput, type Spawned } from './processes';

const startScript = fileURLToPath(new URL('../../api/src/start.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'es-start-'));
let started: Spawned | undefined;

afterAll(() => {
  // Only reached with a live process when an assertion failed: do not leak it.
  if (started && started.child.exitCode === null) started.child.kill('SIGKILL');
  for (const pid of processesMatching(dataDir)) process.kill(pid, 'SIGKILL');
});

describe('npm start (the embedded defaults)', () => {
  it('brings up the local Kafka and the api, and Ctrl-C stops both', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      EVENTSCOPE_PORT: '0',
      EVENTSCOPE_DATA_DIR: dataDir,
      EVENTSCOPE_LOG_LEVEL: 'warn',
    };
    delete env.KAFKA_BROKERS;
    delete env.DATABASE_URL;
    started = spawnWithOutput(process.execPath, ['--import', 'tsx', startScript], env);

    const [, url] = await started.waitForOutput(/running at (http:\/\/\S+) /, 120_000);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(processesMatching(dataDir).length).toBeGreaterThan(0);

    let health = HealthSchema.parse(await (await fetch(`${url}/api/health`)).json());
    const deadline = Date.now() + 20_000;
    while (!health.clusters[0]?.reachable && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      health = HealthSchema.parse(await (await fetch(`${url}/api/health`)).json());
    }
    expect(health.clusters).toEqual([
      expect.objectContaining({ id: 'local', reachable: true, brokersUp: 1 }),
    ]);
    expect(health.store).toMatchObject({ engine: 'pglite', status: 'up' });

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const problems = watchConsole(page);
      await page.goto(url ?? '');
      const tile = page.getByRole('article').filter({ hasText: 'local' });
      await tile.getByText('reachable', { exact: true }).waitFor({ timeout: 15_000 });
      await screenshot(page, 'start-overview');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }

    started.child.kill('SIGINT');
    expect(await started.exited).toBe(0);
    expect(processesMatching(dataDir)).toEqual([]);
  });
});
