/**
 * CPU profiles of the pages (DevTools protocol `Profiler`) taken while typing, read back through
 * the web build's source maps (apps/web/dist-e2e/assets/*.js.map): where a page's main thread spends
 * its time, by package (react-dom, yjs, the app's own modules…) and by function.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fmt, tableMarkdown } from '../lib/table.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface SourceMap {
  sources: string[];
  names: string[];
  mappings: string;
}

/** Per generated line: segments [column, source, line, column, name?], sorted by column. */
type Lines = number[][][];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

function mappingsDecode(mappings: string): Lines {
  const lines: Lines = [];
  let source = 0;
  let line = 0;
  let column = 0;
  let name = 0;
  for (const text of mappings.split(';')) {
    const segments: number[][] = [];
    let genColumn = 0;
    for (const segment of text.split(',')) {
      if (segment === '') continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const c of segment) {
        const digit = B64_VALUE.get(c) ?? 0;
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genColumn += values[0] ?? 0;
      if (values.length >= 4) {
        source += values[1] ?? 0;
        line += values[2] ?? 0;
        column += values[3] ?? 0;
        if (values.length >= 5) {
          name += values[4] ?? 0;
          segments.push([genColumn, source, line, column, name]);
        } else segments.push([genColumn, source, line, column]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

interface Original {
  source: string;
  line: number;
  name: string | null;
}

/** Maps positions of the built scripts (by URL) back to their sources. */
class SourceMaps {
  private readonly maps = new Map<string, { map: SourceMap; lines: Lines } | null>();
  constructor(private readonly distDir: string) {}

  lookup(url: string, line: number, column: number): Original | null {
    const file = url.split('?')[0]?.split('/').pop() ?? '';
    if (!file.endsWith('.js')) return null;
    let entry = this.maps.get(file);
    if (entry === undefined) {
      const path = join(this.distDir, 'assets', `${file}.map`);
      const map = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as SourceMap) : null;
      entry = map ? { map, lines: mappingsDecode(map.mappings) } : null;
      this.maps.set(file, entry);
    }
    if (!entry) return null;
    const segments = entry.lines[line];
    if (!segments || segments.length === 0) return null;
    let best: number[] | undefined;
    for (const s of segments) {
      if ((s[0] as number) <= column) best = s;
      else break;
    }
    best ??= segments[0];
    if (!best) return null;
    return { source: entry.map.sources[best[1] as number] ?? '?', line: (best[2] as number) + 1, name: best.length >= 5 ? (entry.map.names[best[4] as number] ?? null) : null };
  }
}

/** A source of the map (relative to apps/web/dist-e2e/assets) as a path from the repository root. */
function sourcePath(source: string): string {
  return posix.normalize(`apps/web/dist-e2e/assets/${source}`);
}

/** A dependency's package name (react-dom, yjs…), or the repository's own module path. */
function packageOf(source: string): string {
  const path = sourcePath(source);
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  return dep ? (dep[1] as string) : path;
}

function shortSource(source: string): string {
  return sourcePath(source).replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '');
}

/** Markdown: where a page's main thread spent its time in `profile`. */
export function pageProfileSummary(title: string, profile: CpuProfile, distDir: string, top = 15): string {
  const maps = new SourceMaps(distDir);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    let pkg: string;
    let fn: string;
    if (!frame.url) {
      // (program): the renderer's own work outside JavaScript — style, layout, paint, input and IPC handling.
      pkg = frame.functionName === '(idle)' ? '(idle)' : frame.functionName === '(program)' ? '(program: style, layout, paint…)' : frame.functionName === '(garbage collector)' ? '(garbage collector)' : '(native)';
      fn = frame.functionName || '(native)';
    } else {
      const original = maps.lookup(frame.url, frame.lineNumber, frame.columnNumber);
      if (original) {
        pkg = packageOf(original.source);
        fn = `${original.name ?? (frame.functionName || '(anonymous)')} ${shortSource(original.source)}:${original.line}`;
      } else {
        pkg = frame.url.replace(/^https?:\/\/[^/]+/, '');
        fn = `${frame.functionName || '(anonymous)'} ${pkg}:${frame.lineNumber + 1}`;
      }
    }
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const busy = [...byPackage].filter(([p]) => p !== '(idle)').reduce((s, [, us]) => s + us, 0) / 1000;
  const rows = (m: Map<string, number>, n: number) =>
    [...m]
      .filter(([k]) => k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => [k, fmt(us / 1000, 0), fmt((us / 1000 / wallMs) * 100, 1)]);
  return [
    tableMarkdown(`${title}: ${fmt(wallMs / 1000, 1)} s profiled, main thread busy ${fmt(busy, 0)} ms (${fmt((busy / wallMs) * 100, 0)} %) — self time by package or module`, ['package / module', 'ms', '% of wall'], rows(byPackage, 10)),
    tableMarkdown(`${title}: top functions by self time (source-mapped)`, ['function', 'ms', '% of wall'], rows(byFunction, top)),
  ].join('\n');
}
