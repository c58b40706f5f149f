// Entry of the store-writer child process of `compaction-crash.test.ts` (registers tsx, then
// runs the TypeScript module).
import { register } from 'tsx/esm/api';

register();
await import('./store-writer-child.ts');
