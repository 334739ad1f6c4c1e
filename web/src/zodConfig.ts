import { z } from 'zod';

// zod 4 compiles object parsers with `new Function` unless told not to; our CSP has no
// 'unsafe-eval', so the probe would log a violation. Must run before any schema is built,
// hence its own module imported first in main.tsx.
z.config({ jitless: true });
