/** The sync endpoint's close codes (defined once, in the domain) and how a reason is sent. */
export { SYNC_CLOSE_CODES as CLOSE_CODES, type SyncCloseCode as CloseCode } from '@phuluc/domain';

/** A close reason fits in 123 bytes of UTF-8: cut Vietnamese text at a character boundary. */
export function closeReasonFit(reason: string): string {
  const bytes = new TextEncoder();
  let out = reason;
  while (bytes.encode(out).length > 123) out = out.slice(0, -1);
  return out;
}
