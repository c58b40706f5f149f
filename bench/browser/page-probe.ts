/**
 * What the browser bench installs in every page before the app's own scripts run
 * (`BrowserContext.addInitScript`), as plain JavaScript text (so no bundler helper can sneak
 * into it). It only observes: timestamps go to `window.__bench`, every one of them on the page's
 * clock `performance.timeOrigin + performance.now()` — on one machine both pages' clocks are the
 * same wall clock (the bench checks how closely; see `clockOffset` in browser-bench.ts).
 *
 * - `keys`: every keydown — `event`: when the browser stamped the key event (`event.timeStamp`,
 *   i.e. when Chromium turned the CDP key press into an input event), `handler`: when this
 *   capture listener on `window` ran (before React's listeners).
 * - `sends`: every Yjs update this page sends (y-websocket message [0 = sync, 2 = update]), timed
 *   at `WebSocket.prototype.send`, with its size and an FNV-1a hash to find it elsewhere.
 * - `recvs`: every Yjs update received: a `message` listener added when the socket is created,
 *   so it runs before y-websocket's `onmessage` (the time is the start of the message task).
 * - `txns`: transactions applied to the plan's Y.Doc by the provider (remote changes): start,
 *   `beforeObserverCalls` (integrated, about to notify the grid) and `afterTransaction`.
 * - `watch(rowId, field, expected)`: a MutationObserver on the grid (subtree: the target cell,
 *   even if React replaced its element) that resolves, once the cell's text is `expected`, with
 *   the time of the DOM mutation, of the next requestAnimationFrame callback (the frame that
 *   paints it starts: "painted" in the bench), and of a task posted from that callback (runs once
 *   the frame's main-thread rendering — style, layout, paint — is done).
 * - `marks`: the load of a plan page: WebSocket open, arrival of the server's document (sync step
 *   2 message), the provider's `synced` event, the grid ready (rows rendered, the cell input in
 *   place and focused), the first rAF after that ("interactive") and the first ArrowDown handled.
 * - `longtasks`: main-thread tasks over 50 ms (PerformanceObserver 'longtask').
 */
export const PAGE_PROBE = String.raw`
(function () {
  if (window.__bench) return;
  var T0 = performance.timeOrigin;
  function now() { return T0 + performance.now(); }
  var B = { keys: [], sends: [], recvs: [], txns: [], marks: {}, longtasks: [], now: now };
  window.__bench = B;

  function fnv(u8) {
    var h = 0x811c9dc5;
    for (var i = 0; i < u8.length; i++) { h ^= u8[i]; h = Math.imul(h, 0x01000193); }
    return h >>> 0;
  }
  function bytes(data) {
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return null;
  }
  var SIG_MAX = 65536;

  window.addEventListener('keydown', function (e) {
    B.keys.push({ key: e.key, event: T0 + e.timeStamp, handler: now() });
  }, true);

  // ---- WebSocket: sends and receives of Yjs updates ------------------------------------------
  var Native = window.WebSocket;
  var nativeSend = Native.prototype.send;
  Native.prototype.send = function (data) {
    var t = now();
    var u8 = bytes(data);
    if (u8 && u8.length >= 2 && u8[0] === 0 && u8[1] === 2) B.sends.push({ t: t, n: u8.length, sig: u8.length <= SIG_MAX ? fnv(u8) : 0 });
    return nativeSend.call(this, data);
  };
  class HookedWebSocket extends Native {
    constructor(url, protocols) {
      if (protocols === undefined) super(url); else super(url, protocols);
      this.addEventListener('open', function () { if (B.marks.wsOpen === undefined) B.marks.wsOpen = now(); });
      this.addEventListener('message', function (e) {
        var t = now();
        var u8 = bytes(e.data);
        if (!u8 || u8.length < 2 || u8[0] !== 0) return;
        if (u8[1] === 2) B.recvs.push({ t: t, n: u8.length, sig: u8.length <= SIG_MAX ? fnv(u8) : 0 });
        else if (u8[1] === 1 && B.marks.docArrived === undefined) { B.marks.docArrived = t; B.marks.docBytes = u8.length; }
      });
    }
  }
  window.WebSocket = HookedWebSocket;

  // ---- The app's test hooks: the plan's Y.Doc and provider -------------------------------------
  var hooks;
  function attach(conn) {
    var current = null;
    conn.doc.on('beforeTransaction', function (tr) {
      if (tr.origin !== conn.provider) return;
      current = { start: now(), integrated: 0, observed: 0 };
    });
    conn.doc.on('beforeObserverCalls', function (tr) {
      if (tr.origin === conn.provider && current) current.integrated = now();
    });
    conn.doc.on('afterTransaction', function (tr) {
      if (tr.origin !== conn.provider || !current) return;
      current.observed = now();
      B.txns.push(current);
      current = null;
    });
    conn.provider.on('sync', function (synced) {
      if (synced && B.marks.synced === undefined) B.marks.synced = now();
    });
  }
  Object.defineProperty(window, '__phuluc', {
    configurable: true,
    get: function () { return hooks; },
    set: function (v) {
      hooks = v;
      if (v && v.conn) { try { attach(v.conn); } catch (err) { B.attachError = String(err); } }
    },
  });

  // ---- Watching a cell of the grid until it shows a text ---------------------------------------
  function cellOf(grid, rowId, field) {
    return grid.querySelector('[role="row"][data-row-id="' + CSS.escape(rowId) + '"] [role="gridcell"][data-field="' + CSS.escape(field) + '"]');
  }
  B.cellText = function (rowId, field) {
    var grid = document.querySelector('[data-testid="plan-grid"]');
    var cell = grid && cellOf(grid, rowId, field);
    return cell ? cell.textContent : null;
  };
  B.watch = function (rowId, field, expected) {
    var grid = document.querySelector('[data-testid="plan-grid"]');
    if (!grid) return Promise.reject(new Error('no grid'));
    return new Promise(function (resolve) {
      var done = false;
      function check() {
        if (done) return;
        var cell = cellOf(grid, rowId, field);
        if (!cell || cell.textContent !== expected) return;
        done = true;
        var mutation = now();
        mo.disconnect();
        requestAnimationFrame(function () {
          var raf = now();
          var ch = new MessageChannel();
          ch.port1.onmessage = function () { resolve({ mutation: mutation, raf: raf, afterFrame: now() }); };
          ch.port2.postMessage(0);
        });
      }
      var mo = new MutationObserver(check);
      mo.observe(grid, { subtree: true, childList: true, characterData: true });
      check();
    });
  };

  /** Starts a watch and keeps its promise in B.pending (so the caller knows it is armed before the key). */
  B.arm = function (rowId, field, expected) {
    B.pending = B.watch(rowId, field, expected);
    return true;
  };
  /** Empties the records (what happened since the last call). */
  B.drain = function () {
    var out = { keys: B.keys, sends: B.sends, recvs: B.recvs, txns: B.txns };
    B.keys = []; B.sends = []; B.recvs = []; B.txns = [];
    return out;
  };

  // ---- Time to an interactive grid ---------------------------------------------------------------
  var resolveInteractive;
  B.whenInteractive = new Promise(function (r) { resolveInteractive = r; });
  var resolveFirstKey;
  B.whenFirstKey = new Promise(function (r) { resolveFirstKey = r; });
  var ready = false;
  function readyCheck() {
    if (ready) return;
    var grid = document.querySelector('[data-testid="plan-grid"]');
    if (!grid) return;
    var row = grid.querySelector('[role="row"][aria-rowindex="2"]');
    var input = grid.querySelector('[data-testid="cell-input"]');
    if (!row || !input || document.activeElement !== input) return;
    ready = true;
    B.marks.gridReady = now();
    B.marks.rowsInDom = grid.querySelectorAll('[role="row"][aria-rowindex]').length;
    B.marks.rowCount = Number(grid.getAttribute('aria-rowcount')) - 1;
    loadObserver.disconnect();
    document.removeEventListener('focusin', readyCheck, true);
    requestAnimationFrame(function () {
      B.marks.interactive = now();
      firstKeyArm(grid);
      resolveInteractive(B.marks);
    });
  }
  // The first ArrowDown after the grid is interactive: until the next row's first cell is selected and the frame starts.
  function firstKeyArm(grid) {
    var sel = '[role="row"][aria-rowindex="3"] [role="gridcell"][aria-selected="true"]';
    var done = false;
    var mo = new MutationObserver(function () {
      if (done || !grid.querySelector(sel)) return;
      done = true;
      var selected = now();
      mo.disconnect();
      var key = B.keys.filter(function (k) { return k.key === 'ArrowDown'; })[0];
      requestAnimationFrame(function () {
        resolveFirstKey({ event: key ? key.event : 0, handler: key ? key.handler : 0, selected: selected, raf: now() });
      });
    });
    mo.observe(grid, { subtree: true, attributes: true, attributeFilter: ['aria-selected'] });
  }
  var loadObserver = new MutationObserver(readyCheck);
  if (location.pathname.indexOf('/ke-hoach/') === 0) {
    loadObserver.observe(document, { subtree: true, childList: true });
    document.addEventListener('focusin', readyCheck, true);
  }

  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { B.longtasks.push({ start: T0 + e.startTime, duration: e.duration }); });
    }).observe({ type: 'longtask', buffered: true });
  } catch (err) { B.longtaskError = String(err); }
})();
`;
