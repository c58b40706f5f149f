/**
 * Times as the review view shows them: "10:42" today, "10:42 21/11" earlier this year,
 * "21/11/2025" before. In the browser's time zone (the commune's).
 */
export function timeLabel(at: string | number, now: number = Date.now()): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date(now);
  const dm = `${String(date.getDate()).padStart(2, '0')}/${String(date.getMonth() + 1).padStart(2, '0')}`;
  if (date.getFullYear() !== today.getFullYear()) return `${dm}/${date.getFullYear()}`;
  if (date.getMonth() === today.getMonth() && date.getDate() === today.getDate()) return hourMinute(date);
  return `${hourMinute(date)} ${dm}`;
}

function hourMinute(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/**
 * A stretch of work as the activity feed shows it: "09:13–09:40" (today), "09:13–09:40 21/11"
 * (one day this year), "10:42" when it began and ended in the same minute, else both ends in full.
 */
export function timeSpanLabel(since: string | number, until: string | number, now: number = Date.now()): string {
  const from = new Date(since);
  const to = new Date(until);
  const end = timeLabel(until, now);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return end;
  const sameDay = from.getFullYear() === to.getFullYear() && from.getMonth() === to.getMonth() && from.getDate() === to.getDate();
  if (sameDay && hourMinute(from) === hourMinute(to)) return end;
  // A day of another year is told without its time: both ends in full say more.
  if (sameDay && to.getFullYear() === new Date(now).getFullYear()) return `${hourMinute(from)}–${end}`;
  return `${timeLabel(since, now)} – ${end}`;
}
