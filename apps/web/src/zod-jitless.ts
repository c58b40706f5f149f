/**
 * Imported first by main.tsx, before anything that defines or parses a zod schema. The page runs
 * under the server's Content-Security-Policy, which has no 'unsafe-eval': zod's one-time
 * `new Function` probe would be refused (caught by zod, but reported as a CSP violation), so zod
 * is told not to compile parsers at all.
 */
import { config } from 'zod';

config({ jitless: true });
