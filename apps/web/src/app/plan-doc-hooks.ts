/**
 * Live readings of the parts of the plan document the shell shows: the tables' ids and titles
 * (tabs) and the plan's meta (header). Each re-renders only when what it returns changes.
 */
import { planDocReadMeta, planDocTableIds, type PlanMeta } from '@phuluc/domain';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';

export interface TableTab {
  id: string;
  title: string;
}

/** The tables in order with their titles (read without touching the rows). */
export function planTableTabs(doc: Y.Doc): TableTab[] {
  const tables = doc.getMap<unknown>('tables');
  return planDocTableIds(doc).map((id) => {
    const table = tables.get(id);
    const title: unknown = table instanceof Y.Map ? (table as Y.Map<unknown>).get('title') : undefined;
    return { id, title: title instanceof Y.Text ? title.toString() : typeof title === 'string' ? title : '' };
  });
}

function sameTabs(a: readonly TableTab[], b: readonly TableTab[]): boolean {
  return a.length === b.length && a.every((tab, i) => tab.id === b[i]?.id && tab.title === b[i]?.title);
}

/** The tables of the plan, live. Cheap on every keystroke: it reads the tables map, never the rows. */
export function useTableTabs(doc: Y.Doc | null): TableTab[] {
  const [tabs, setTabs] = useState<TableTab[]>(() => (doc ? planTableTabs(doc) : []));
  useEffect(() => {
    if (!doc) return;
    const read = () => setTabs((prev) => {
      const next = planTableTabs(doc);
      return sameTabs(prev, next) ? prev : next;
    });
    read();
    const tables = doc.getMap<unknown>('tables');
    // A title is a Y.Text inside a table map: only events at depth ≤ 2 can concern a title or the order.
    const onDeep = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      if (events.some((e) => e.path.length <= 2)) read();
    };
    tables.observeDeep(onDeep);
    return () => tables.unobserveDeep(onDeep);
  }, [doc]);
  return tabs;
}

/** The plan's meta (title, commune, year…), live. */
export function usePlanMeta(doc: Y.Doc | null): (PlanMeta & { schemaVersion: number }) | null {
  const [meta, setMeta] = useState(() => (doc ? planDocReadMeta(doc) : null));
  useEffect(() => {
    if (!doc) return;
    const map = doc.getMap<unknown>('meta');
    const read = () => setMeta(planDocReadMeta(doc));
    read();
    map.observe(read);
    return () => map.unobserve(read);
  }, [doc]);
  return meta;
}
