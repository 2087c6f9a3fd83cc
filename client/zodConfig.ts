/**
 * Must be the first import of main.tsx. zod decides, when each object schema is built, whether to
 * compile a fast validator with `new Function`, which our CSP (no 'unsafe-eval') refuses and reports.
 * shared/protocol/api.ts builds its schemas as it loads, so jitless mode has to be on before that.
 */
import { z } from 'zod';

z.config({ jitless: true });
