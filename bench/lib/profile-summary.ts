/**
 * Reads a V8 CPU profile (`node --cpu-prof`) of a Phuluc server child and says where its time
 * went: inclusive time of the server's pipeline functions, and the top functions by self time.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, tableMarkdown } from './table.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The server functions whose inclusive time tells where a turn goes (doc-hub, sync-connection, doc-log). */
const PIPELINE_FUNCTIONS = [
  'onMessage',
  'onUpdate',
  'updateInspect',
  'permissionCheckChange',
  'accept',
  'flush',
  'append',
  'relay',
  'compact',
  'syncStep2For',
  'roomLoad',
  'awarenessRewrite',
  'applyAwarenessUpdate',
];

function shortUrl(url: string): string {
  return (url || '(native)').replace(/^file:\/\/\/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/\/.*?\/(apps|packages)\//, '$1/');
}

/** Markdown tables for every profile in `dir`. */
export function profileSummaries(dir: string): string {
  const out: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const inclusive = new Map<number, number>();
    const total = (id: number): number => {
      const known = inclusive.get(id);
      if (known !== undefined) return known;
      let t = self.get(id) ?? 0;
      for (const c of byId.get(id)?.children ?? []) t += total(c);
      inclusive.set(id, t);
      return t;
    };
    // Inclusive time per pipeline function, counting only its outermost frames.
    const pipeline = new Map<string, number>();
    const walk = (id: number, active: ReadonlySet<string>): void => {
      const node = byId.get(id);
      if (!node) return;
      const name = node.callFrame.functionName;
      let next = active;
      if (PIPELINE_FUNCTIONS.includes(name) && !active.has(name)) {
        pipeline.set(name, (pipeline.get(name) ?? 0) + total(id));
        next = new Set([...active, name]);
      }
      for (const c of node.children ?? []) walk(c, next);
    };
    const root = profile.nodes[0];
    if (root) walk(root.id, new Set());
    if (!pipeline.get('onMessage')) continue; // a helper thread's profile (tsx's loader), not the server's
    const wallMs = (profile.endTime - profile.startTime) / 1000;
    const selfByFunction = new Map<string, number>();
    for (const [id, t] of self) {
      const f = byId.get(id)?.callFrame;
      if (!f) continue;
      const key = `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
      selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + t);
    }
    out.push(
      tableMarkdown(
        `Phuluc server profile ${file} (${fmt(wallMs / 1000, 1)} s of wall time, connect phase included): pipeline functions, inclusive`,
        ['function', 'ms', '% of wall'],
        PIPELINE_FUNCTIONS.map((name) => [name, fmt((pipeline.get(name) ?? 0) / 1000, 0), fmt(((pipeline.get(name) ?? 0) / 1000 / wallMs) * 100, 1)]),
      ),
      tableMarkdown(
        'Top functions by self time',
        ['function', 'ms', '% of wall'],
        [...selfByFunction]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([name, t]) => [name, fmt(t / 1000, 0), fmt((t / 1000 / wallMs) * 100, 1)]),
      ),
    );
  }
  return out.join('\n');
}
