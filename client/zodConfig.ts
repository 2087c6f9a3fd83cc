/**
 * Must be the first import of main.tsx. zod decides, when each object schema is built, whether to
 * compile a fast validator with `new Function`, which our CSP (no 'unsafe-eval') refuses and reports.
 * shared/protocol/api.ts builds its schemas as it loads, so jitless mode has to be on before that.
 */
// From zod's core, not `import { z } from 'zod'`: the same global setting, without putting the whole of
// zod into the first download (the schemas load on demand: client/forms/requestSchemas.ts).
import { config } from 'zod/v4/core';

config({ jitless: true });
