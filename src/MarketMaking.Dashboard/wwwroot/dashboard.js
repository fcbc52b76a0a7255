// mm dashboard: draws a session (live over Server-Sent Events, or a finished one from its journal)
// with uPlot. Everything comes from /api/history once, then /api/stream pushes one update per
// snapshot (up to ten a second).
'use strict';
(function () {
  const $ = id => document.getElementById(id);
  const num = v => typeof v === 'number' ? v : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v == null || v === 'NaN' ? NaN : Number(v);
  const fin = v => { v = num(v); return Number.isFinite(v) ? v : null; };
  const fmt = (v, d) => { v = num(v); return Number.isFinite(v) ? v.toFixed(d) : '–'; };
  const time = s => new Date(s * 1000).toISOString().substring(11, 23);
  const MAX_POINTS = 6000;       // ten minutes at ten a second in the browser; the server keeps an hour
  const MAX_FILLS = 5000;
  const HORIZONS = [1, 5, 30];   // markout horizons (s)
  const BAD = new Set(['kill', 'stop', 'stream-down', 'market-gap', 'market-disconnect', 'stale-data', 'order-rejected', 'failure', 'position-mismatch', 'request-unknown', 'venue-rate-limited']);

  const cols = { t: [], mid: [], mbid: [], mask: [], obid: [], oask: [], pos: [], real: [], unreal: [], fees: [], reb: [], net: [], spread: [], fills: [], creates: [], amends: [], cancels: [], rc: [], ra: [], rx: [], fr: [] };
  let info = null, live = false, snapshot = null, fills = [], events = [], updates = 0, cursor = -1;
  const charts = {};

  function pushPoint(p) {
    const c = cols;
    c.t.push(num(p.t)); c.mid.push(fin(p.mid)); c.mbid.push(fin(p.marketBid)); c.mask.push(fin(p.marketAsk));
    c.obid.push(fin(p.ourBid)); c.oask.push(fin(p.ourAsk)); c.pos.push(fin(p.position));
    c.real.push(fin(p.realized)); c.unreal.push(fin(p.unrealized)); const f = fin(p.fees); c.fees.push(f == null ? null : -f);
    c.reb.push(fin(p.rebates)); c.net.push(fin(p.net)); c.spread.push(fin(p.spreadCaptured));
    c.fills.push(num(p.fills)); c.creates.push(num(p.creates)); c.amends.push(num(p.amends)); c.cancels.push(num(p.cancels));
    const i = c.t.length - 1;
    const j1 = back(i, 1), j10 = back(i, 10), dt1 = c.t[i] - c.t[j1], dt10 = c.t[i] - c.t[j10];
    c.rc.push(dt1 > 0 ? (c.creates[i] - c.creates[j1]) / dt1 : null);
    c.ra.push(dt1 > 0 ? (c.amends[i] - c.amends[j1]) / dt1 : null);
    c.rx.push(dt1 > 0 ? (c.cancels[i] - c.cancels[j1]) / dt1 : null);
    c.fr.push(dt10 > 0 ? 60 * (c.fills[i] - c.fills[j10]) / dt10 : null);
    if (live && c.t.length > MAX_POINTS) { for (const k in c) c[k].splice(0, c[k].length - MAX_POINTS); }
  }

  // The first point at least `seconds` before point i (or the oldest).
  function back(i, seconds) {
    const t = cols.t, target = t[i] - seconds;
    let lo = 0, hi = i;
    while (lo < hi) { const m = (lo + hi) >> 1; if (t[m] < target) lo = m + 1; else hi = m; }
    return Math.max(0, lo - (t[lo] > target && lo > 0 ? 1 : 0));
  }

  // The mid at time s (the last point at or before it), null when the series has not reached it.
  function midAt(s) {
    const t = cols.t;
    if (!t.length || s > t[t.length - 1]) return null;
    let lo = 0, hi = t.length - 1;
    while (lo < hi) { const m = (lo + hi + 1) >> 1; if (t[m] <= s) lo = m; else hi = m - 1; }
    return cols.mid[lo];
  }

  function size(el) { return { width: Math.max(300, el.clientWidth), height: 220 }; }

  function make(id, series, data, opts) {
    const el = $(id);
    const o = Object.assign({ ...size(el), cursor: { drag: { x: true, y: false } }, legend: { live: true }, series: [{}].concat(series), scales: { x: { time: true } } }, opts || {});
    if (typeof uPlot === 'undefined') {
      // Built without npm: the charting library was not embedded. Say so where the chart would be;
      // the tables, the event log and the actions still work.
      el.textContent = 'chart unavailable: this mm was built without npm (node_modules/uplot); install node and npm and rebuild';
      charts[id] = { setData() {}, setSize() {}, setScale() {} };
      return;
    }
    charts[id] = new uPlot(o, data, el);
  }

  const line = (label, stroke, extra) => Object.assign({ label, stroke, width: 1.5, spanGaps: false, value: (u, v) => v == null ? '–' : v.toFixed(4) }, extra || {});
  const dots = (label, color, shape) => ({ label, stroke: color, fill: color, paths: () => null, points: { show: true, size: 9, width: 1, fill: color, stroke: color }, value: (u, v) => v == null ? '–' : v.toFixed(2) });

  function buildCharts() {
    make('chart-price', [line('mid', '#444'), line('best bid', '#8fbf8f', { dash: [4, 3] }), line('best ask', '#d99a9a', { dash: [4, 3] }),
      line('our bid', '#1a7f37', { width: 2 }), line('our ask', '#c62828', { width: 2 }), dots('buy fill', '#0b6e2a'), dots('sell fill', '#a31515')], priceData(), { height: 300 });
    make('chart-inventory', [line('position', '#3355aa', { fill: 'rgba(51,85,170,0.12)' })], [cols.t, cols.pos]);
    make('chart-pnl', [line('realized', '#1a7f37'), line('unrealized', '#b35900'), line('fees (−)', '#c62828'), line('rebates', '#6a3fb5'), line('net', '#111', { width: 2.5 })],
      [cols.t, cols.real, cols.unreal, cols.fees, cols.reb, cols.net]);
    make('chart-spread', [line('spread captured', '#0b7285', { fill: 'rgba(11,114,133,0.1)' })], [cols.t, cols.spread]);
    make('chart-markouts', HORIZONS.map((h, k) => dots(`${h} s`, ['#0b7285', '#b35900', '#6a3fb5'][k])), markoutData(until()).data);
    make('chart-fillrate', [line('fills a minute', '#3355aa')], [cols.t, cols.fr]);
    make('chart-rates', [line('create/s', '#1a7f37'), line('amend/s', '#b35900'), line('cancel/s', '#c62828'),
      line('create limit', '#1a7f37', { dash: [6, 4], width: 1 }), line('amend limit', '#b35900', { dash: [6, 4], width: 1 }), line('cancel limit', '#c62828', { dash: [6, 4], width: 1 })], rateData());
    const bounds = (info && info.latencyBounds || []).map(num);
    const labels = bounds.map(b => '≤' + (b < 1e-3 ? (b * 1e6).toFixed(0) + 'µs' : (b * 1e3).toFixed(b < 1e-2 ? 1 : 0) + 'ms')).concat(['more']);
    make('chart-latency', [{ label: 'decisions', stroke: '#3355aa', fill: 'rgba(51,85,170,0.35)', paths: uPlot.paths.bars({ size: [0.8, 60] }), points: { show: false } }], latencyData(), {
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] } },
      axes: [{ splits: () => labels.map((_, i) => i), values: (u, ticks) => ticks.map(i => labels[i] || '') }, {}],
    });
    window.addEventListener('resize', () => { for (const id in charts) charts[id].setSize(size($(id))); });
  }

  function priceData() {
    const buys = [[], []], sells = [[], []];
    for (const f of fills) { const s = num(f.time) / 1e9; (f.side === 'Buy' ? buys : sells)[0].push(s); (f.side === 'Buy' ? buys : sells)[1].push(num(f.price)); }
    return uPlot.join([[cols.t, cols.mid, cols.mbid, cols.mask, cols.obid, cols.oask], buys, sells]);
  }

  // Markouts of the last 300 fills up to `until` (the scrubber's time, or Infinity live): a horizon
  // that ends after `until` was not yet known then, so it is left out.
  function markoutData(until) {
    const recent = fills.filter(f => num(f.time) / 1e9 <= until).slice(-300), xs = [], ys = HORIZONS.map(() => []), sums = HORIZONS.map(() => [0, 0]);
    for (const f of recent) {
      const t = num(f.time) / 1e9, p = num(f.price), side = f.side === 'Buy' ? 1 : -1;
      xs.push(t);
      HORIZONS.forEach((h, k) => { const m = t + h <= until ? midAt(t + h) : null; const v = m == null ? null : side * (m - p); ys[k].push(v); if (v != null) { sums[k][0] += v; sums[k][1]++; } });
    }
    const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
    return { data: [order.map(i => xs[i])].concat(ys.map(y => order.map(i => y[i]))), sums, count: recent.length };
  }

  function rateData() {
    const lim = k => cols.t.map(() => info && info.rateLimits && info.rateLimits[k] != null ? num(info.rateLimits[k]) : null);
    return [cols.t, cols.rc, cols.ra, cols.rx, lim('create'), lim('amend'), lim('cancel')];
  }

  function latencyData() {
    const b = (snapshot && snapshot.latencyBuckets || []).map(num);
    return [b.map((_, i) => i), b];
  }

  function setChip(id, text, cls) { const el = $(id); el.textContent = text; el.className = 'chip ' + (cls || ''); }

  function renderStatus() {
    const s = snapshot;
    if (!s) return;
    setChip('chip-mode', live ? 'live' : 'journal (finished session)', live ? 'ok' : '');
    setChip('chip-phase', s.phase, s.phase === 'running' ? 'ok' : 'warn');
    setChip('chip-quoting', s.paused ? 'paused' : s.quoting ? 'quoting' : 'not quoting', s.paused ? 'warn' : s.quoting ? 'ok' : 'warn');
    setChip('chip-stream', s.privateStreamUp ? 'private stream up' : 'private stream down', s.privateStreamUp ? 'ok' : live ? 'bad' : '');
    setChip('chip-data', s.stale ? 'market data stale' : 'market data fresh', s.stale ? (live ? 'bad' : '') : 'ok');
    setChip('chip-kill', s.killed ? 'KILLED: ' + (s.killReason || '') : 'kill switch armed', s.killed ? 'bad' : 'ok');
  }

  // Totals: the snapshot's (the execution book's decimals, as mm journal prints them), or the point under the scrubber.
  function renderTotals() {
    const s = snapshot;
    const atEnd = cursor < 0 || cursor >= cols.t.length - 1;
    const i = atEnd ? cols.t.length - 1 : cursor;
    if (atEnd && s) {
      $('total-position').textContent = s.position; $('total-executions').textContent = s.executions;
      $('total-cash').textContent = s.cash; $('total-fees').textContent = s.fees;
      $('total-net').textContent = fmt(s.netPnl, 4); $('total-open').textContent = s.openOrders;
      $('now-mid').textContent = fmt(s.mid, 2); $('now-time').textContent = time(num(s.time) / 1e9);
    } else if (i >= 0) {
      $('total-position').textContent = fmt(cols.pos[i], 6); $('total-executions').textContent = cols.fills[i];
      $('total-cash').textContent = '–'; $('total-fees').textContent = fmt(-cols.fees[i], 6);
      $('total-net').textContent = fmt(cols.net[i], 4); $('total-open').textContent = '–';
      $('now-mid').textContent = fmt(cols.mid[i], 2); $('now-time').textContent = time(cols.t[i]);
    }
    $('updates').textContent = updates;
  }

  // The risk state now, or under the scrubber: position, loss and rates from the point there, the
  // kill switch from the events up to it; open orders and book age are kept only for now.
  function renderRisk() {
    const s = snapshot;
    if (!s || !info) return;
    const L = info.limits || {};
    const past = scrubbing();
    const i = past ? cursor : cols.t.length - 1;
    const bookAge = !past && num(s.lastBookUpdate) > 0 ? (num(s.time) - num(s.lastBookUpdate)) / 1e9 : NaN;
    const kill = past ? events.find(e => e.kind === 'kill' && num(e.time) / 1e9 <= cols.t[i]) : null;
    const killed = past ? kill != null : s.killed, killReason = past ? (kill ? kill.detail : '') : s.killReason;
    const rows = [
      ['|position|', past ? Math.abs(cols.pos[i]) : Math.abs(num(s.position)), num(L.maxPosition)],
      ['open orders', past ? NaN : num(s.openOrders), num(L.maxOpenOrders)],
      ['loss (−net PnL)', Math.max(0, -(past ? cols.net[i] : num(s.netPnl))), num(L.maxLoss)],
      ['new orders /s', i >= 0 ? cols.rc[i] : NaN, num(L.maxOrderRate)],
      ['creates /s (client limit)', i >= 0 ? cols.rc[i] : NaN, info.rateLimits ? num(info.rateLimits.create) : NaN],
      ['cancels /s (client limit)', i >= 0 ? cols.rx[i] : NaN, info.rateLimits ? num(info.rateLimits.cancel) : NaN],
      ['book age (s)', bookAge, num(info.staleAfterSeconds)],
    ];
    const body = $('risk').tBodies[0];
    body.innerHTML = '';
    for (const [name, now, limit] of rows) {
      const used = Number.isFinite(limit) && limit > 0 && Number.isFinite(now) ? now / limit : NaN;
      const cls = used >= 0.9 ? 'bad' : used >= 0.7 ? 'warn' : '';
      const tr = body.insertRow();
      tr.insertCell().textContent = name;
      tr.insertCell().textContent = Number.isFinite(now) ? +now.toFixed(6) : '–';
      tr.insertCell().textContent = Number.isFinite(limit) ? limit : 'none';
      tr.insertCell().innerHTML = Number.isFinite(used) ? `<div class="meter"><div class="${cls}" style="width:${Math.min(100, used * 100).toFixed(0)}%"></div></div>` : '';
      tr.cells[3].className = 'used';
    }
    const row = body.insertRow();
    row.insertCell().textContent = 'kill switch';
    row.insertCell().textContent = killed ? 'TRIPPED' : 'armed';
    row.insertCell().colSpan = 2;
    row.cells[2].textContent = killReason || '';
    const rejects = Object.entries(s.rejects || {}).map(([k, v]) => `${k} ${v}`).join(', ');
    const faults = Object.entries(s.faults || {}).map(([k, v]) => `${k} ${v}`).join(', ');
    $('rejects').textContent = `rejects: ${rejects || 'none'} · faults: ${faults || 'none'}`;
  }

  function renderEvents() {
    const kindSel = $('event-kind'), text = $('event-filter').value.toLowerCase(), kind = kindSel.value;
    const known = new Set([...kindSel.options].map(o => o.value));
    for (const e of events) if (!known.has(e.kind)) { known.add(e.kind); kindSel.add(new Option(e.kind, e.kind)); }
    const until = cursor >= 0 && cursor < cols.t.length - 1 ? cols.t[cursor] : Infinity;
    const shown = events.filter(e => num(e.time) / 1e9 <= until && (!kind || e.kind === kind) && (!text || (e.kind + ' ' + e.detail).toLowerCase().includes(text)));
    const body = $('events').tBodies[0];
    body.innerHTML = '';
    for (const e of shown.slice(-500).reverse()) {
      const tr = body.insertRow();
      if (BAD.has(e.kind)) tr.className = 'bad';
      tr.insertCell().textContent = time(num(e.time) / 1e9);
      tr.insertCell().textContent = e.kind;
      tr.insertCell().textContent = e.detail;
    }
    $('event-count').textContent = `${shown.length} of ${events.length}`;
  }

  function renderCharts() {
    charts['chart-price'].setData(priceData(), !scrubbing());
    charts['chart-inventory'].setData([cols.t, cols.pos], !scrubbing());
    charts['chart-pnl'].setData([cols.t, cols.real, cols.unreal, cols.fees, cols.reb, cols.net], !scrubbing());
    charts['chart-spread'].setData([cols.t, cols.spread], !scrubbing());
    const m = markoutData(until());
    charts['chart-markouts'].setData(m.data);
    const avg = HORIZONS.map((h, k) => `${h} s: ${m.sums[k][1] ? (m.sums[k][0] / m.sums[k][1]).toFixed(3) : '–'}`).join(' · ');
    $('markout-summary').textContent = `mean markout of ${m.count} fills, ${avg}`;
    $('markout-summary').dataset.fills = m.count;
    charts['chart-fillrate'].setData([cols.t, cols.fr], !scrubbing());
    charts['chart-rates'].setData(rateData(), !scrubbing());
    charts['chart-latency'].setData(latencyData());
    const s = snapshot;
    if (s) {
      const n = num(s.latencyCount);
      $('latency-summary').textContent = n > 0 ? `${n} decisions that sent orders, mean ${(1e3 * num(s.latencySumSeconds) / n).toFixed(3)} ms` : 'no samples (a journal keeps none)';
      const creates = cols.creates.length ? cols.creates[cols.creates.length - 1] : 0;
      $('fill-ratio').textContent = creates > 0 ? `${(100 * num(s.executions) / creates).toFixed(1)} fills per 100 orders sent` : '';
    }
  }

  const scrubbing = () => !live && cursor >= 0 && cursor < cols.t.length - 1;
  const until = () => scrubbing() ? cols.t[cursor] : Infinity;

  function renderAll() { renderStatus(); renderTotals(); renderRisk(); renderEvents(); renderCharts(); if (scrubbing()) applyScrub(); }

  function applyScrub() {
    if (!cols.t.length) return;
    const t0 = cols.t[0], t1 = cols.t[Math.max(cursor, 1)];
    for (const id of ['chart-price', 'chart-inventory', 'chart-pnl', 'chart-spread', 'chart-fillrate', 'chart-rates']) charts[id].setScale('x', { min: t0, max: t1 });
    $('scrub-time').textContent = time(cols.t[cursor]);
  }

  function onUpdate(u) {
    updates++;
    snapshot = u.snapshot;
    pushPoint(u.point);
    for (const f of u.fills) fills.push(f);
    if (fills.length > MAX_FILLS) fills.splice(0, fills.length - MAX_FILLS);
    for (const e of u.events) events.push(e);
    if (events.length > 20000) events.splice(0, events.length - 20000);
  }

  async function act(name) {
    const out = $('action-result');
    try {
      const r = await fetch('/api/' + name, { method: 'POST', headers: { 'X-Mm-Token': $('token').value } });
      const body = await r.json();
      out.textContent = body.message;
      out.className = r.ok ? 'accepted' : 'refused';
    } catch (e) {
      out.textContent = 'no answer: ' + e;
      out.className = 'refused';
    }
  }

  async function start() {
    const h = await (await fetch('/api/history')).json();
    info = h.info; live = h.live; snapshot = h.snapshot; fills = h.fills; events = h.events;
    for (const p of h.points) pushPoint(p);
    if (info) { $('title').textContent = `${info.symbol} · ${info.strategy}`; $('subtitle').textContent = `on ${info.venue} · journal ${info.journalPath}`; document.title = `mm ${info.symbol} ${live ? 'live' : 'journal'}`; }
    buildCharts();
    for (const b of ['pause', 'resume', 'kill']) $(b).addEventListener('click', () => act(b));
    $('event-kind').addEventListener('change', renderEvents);
    $('event-filter').addEventListener('input', renderEvents);
    if (!live) {
      $('controls').hidden = true;
      $('scrub').hidden = false;
      const s = $('scrubber');
      s.max = Math.max(0, cols.t.length - 1); s.value = s.max; cursor = +s.max;
      s.addEventListener('input', () => { cursor = +s.value; renderTotals(); renderRisk(); renderEvents(); renderCharts(); if (scrubbing()) applyScrub(); $('scrub-time').textContent = cols.t.length ? time(cols.t[cursor]) : ''; });
      $('scrub-time').textContent = cols.t.length ? time(cols.t[cursor]) : '';
    }
    renderAll();
    if (live) {
      let dirty = false;
      const source = new EventSource('/api/stream');
      source.onmessage = m => { onUpdate(JSON.parse(m.data)); dirty = true; };
      // Draw at most ten times a second, whatever arrives.
      setInterval(() => { if (dirty) { dirty = false; renderAll(); } }, 100);
    }
    document.body.dataset.ready = 'true';
  }

  start().catch(e => { document.body.dataset.error = String(e); console.error(e); });
})();
