// Entry of every worker thread of the server: registers tsx in this thread (loader flags do not
// reach worker threads reliably on Node 20), then runs the TypeScript module named by the parent.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
