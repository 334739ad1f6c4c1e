import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScratchDirs {
  /** A fresh directory under the OS temp dir, e.g. make('es-app-') → /tmp/es-app-Xy12Ab. */
  make(prefix: string): string;
  /** Removes every directory made so far (call from afterAll or a close()). */
  remove(): Promise<void>;
}

/**
 * Temp directories for a test's data (PGlite stores, a spawned api's EVENTSCOPE_DATA_DIR),
 * removed together: a PGlite store is ~90 MB, and the suite makes hundreds of them per run.
 */
export function scratchDirs(): ScratchDirs {
  const dirs: string[] = [];
  return {
    make(prefix) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    async remove() {
      await Promise.all(
        dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })),
      );
    },
  };
}
