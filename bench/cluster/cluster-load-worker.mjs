// Entry of a cluster load-generator thread: registers tsx in this thread (loader flags do not
// reach worker threads reliably on Node 20), then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./cluster-load-worker.ts');
