/**
 * Times as the review view shows them: "10:42" today, "10:42 21/11" earlier this year,
 * "21/11/2025" before. In the browser's time zone (the commune's).
 */
export function timeLabel(at: string | number, now: number = Date.now()): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date(now);
  const hm = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  const dm = `${String(date.getDate()).padStart(2, '0')}/${String(date.getMonth() + 1).padStart(2, '0')}`;
  if (date.getFullYear() !== today.getFullYear()) return `${dm}/${date.getFullYear()}`;
  if (date.getMonth() === today.getMonth() && date.getDate() === today.getDate()) return hm;
  return `${hm} ${dm}`;
}
