/**
 * One export measured in a fresh process (the parent reads the JSON line it prints): builds a
 * table grown from the Tân Thanh fixture, exports it once cold (fonts, modules and caches as a
 * server's first export finds them) and once warm, and reads the process's peak resident memory
 * (VmHWM) before and after. Usage: node --import tsx export-child.ts FORMAT ITEMS
 */
import { readFileSync } from 'node:fs';
import { unitDirectoryDefault } from '@phuluc/domain';
import { exportFormatIsKnown, exportTable } from '@phuluc/server/src/exports/export.ts';
import { planTableBuild } from '../lib/plan-build.ts';

/** Peak resident memory of this process so far, in MB of 10^6 bytes (the targets are in MB). */
function peakMB(): number {
  const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN);
  return (kib * 1024) / 1e6;
}

/**
 * CPU seconds of this process's main thread (the JavaScript thread; V8's helper threads collect
 * garbage on the other core): about the wall time of an export on an idle machine.
 */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, in clock ticks (USER_HZ is 100 on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const [format = '', itemsText = '5000'] = process.argv.slice(2);
if (!exportFormatIsKnown(format)) throw new Error(`unknown format ${format}`);
const table = planTableBuild(Number(itemsText));
const units = unitDirectoryDefault();
const meta = { commune: 'Tân Thanh', planNumber: '25', issuedOn: '2026-01-15', year: 2026 };
const baselineMB = peakMB();

const run = async () => {
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuMs();
  const t0 = performance.now();
  let result = await exportTable(table, meta, format, { draft: false, units, planYear: 2026 });
  const refused = !result.ok;
  // A table with errors is measured as the draft it would be exported as.
  if (!result.ok) result = await exportTable(table, meta, format, { draft: true, units, planYear: 2026 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, mainCpuMs: mainThreadCpuMs() - main0, bytes: result.ok ? result.bytes.length : 0, refused };
};

const cold = await run();
const peakColdMB = peakMB();
const warm = await run();
console.log(
  JSON.stringify({
    format,
    rows: table.rows.length,
    bytes: cold.bytes,
    refused: cold.refused,
    coldMs: cold.ms,
    coldCpuMs: cold.cpuMs,
    coldMainCpuMs: cold.mainCpuMs,
    warmMs: warm.ms,
    warmMainCpuMs: warm.mainCpuMs,
    baselineMB,
    peakMB: peakColdMB,
    peakAfterWarmMB: peakMB(),
  }),
);
