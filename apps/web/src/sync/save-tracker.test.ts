import { describe, expect, it } from 'vitest';
import { SaveTracker } from './save-tracker.ts';

function tracker() {
  const sent: number[] = [];
  const states: string[] = [];
  const t = new SaveTracker((n) => sent.push(n));
  t.subscribe((s) => states.push(s));
  return { t, sent, states };
}

/** Opens the connection and completes the first exchange (server step 1 answered, step 2 received, ack). */
function online(t: SaveTracker, sent: number[]) {
  t.opened();
  t.changed(); // our reply to the server's step 1
  t.flush();
  t.syncedWithServer();
  t.ackReceived(sent[sent.length - 1] ?? 0);
}

describe('SaveTracker', () => {
  it('shows syncing while opening, then saved once the first exchange is acknowledged', () => {
    const { t, sent } = tracker();
    expect(t.state()).toBe('syncing');
    online(t, sent);
    expect(sent).toEqual([1]);
    expect(t.state()).toBe('saved');
  });

  it('shows syncing after a local change until the ack for the latest request arrives', () => {
    const { t, sent } = tracker();
    online(t, sent);
    t.changed();
    t.flush();
    expect(t.state()).toBe('syncing');
    expect(sent).toEqual([1, 2]);
    t.ackReceived(2);
    expect(t.state()).toBe('saved');
  });

  it('keeps one request in flight and covers later changes with the next one', () => {
    const { t, sent } = tracker();
    online(t, sent);
    t.changed();
    t.flush();
    t.changed();
    t.flush();
    t.changed();
    t.flush();
    expect(sent).toEqual([1, 2]);
    t.ackReceived(2);
    expect(sent).toEqual([1, 2, 3]);
    expect(t.state()).toBe('syncing');
    t.ackReceived(3);
    expect(t.state()).toBe('saved');
  });

  it('is offline while disconnected and asks again after reconnecting when an ack was lost', () => {
    const { t, sent, states } = tracker();
    online(t, sent);
    t.changed();
    t.flush();
    t.disconnected();
    expect(t.state()).toBe('offline');
    t.ackReceived(2); // stale: ignored
    expect(t.state()).toBe('offline');
    t.opened();
    expect(t.state()).toBe('syncing');
    t.flush();
    t.syncedWithServer();
    expect(sent).toEqual([1, 2, 3]);
    t.ackReceived(3);
    expect(t.state()).toBe('saved');
    expect(states).toEqual(['saved', 'syncing', 'offline', 'syncing', 'saved']);
  });

  it('is offline, not syncing, when the very first connection fails', () => {
    const { t } = tracker();
    t.disconnected();
    expect(t.state()).toBe('offline');
  });

  it('sends nothing while disconnected: offline edits wait for the reconnect', () => {
    const { t, sent } = tracker();
    online(t, sent);
    t.disconnected();
    t.changed();
    t.flush();
    expect(sent).toEqual([1]);
    expect(t.state()).toBe('offline');
  });
});
