// The portfolio page: a tab per instrument (its own dashboard in a frame, loaded on first view)
// and the portfolio's table, read from /api/portfolio twice a second.
(() => {
  const tabs = document.getElementById('tabs');
  const frames = document.getElementById('frames');
  const fmt = (x, digits = 2) => (x === null || x === undefined || !isFinite(Number(x))) ? (Number(x) === Infinity ? 'none' : '–') : Number(x).toFixed(digits);
  let built = false;

  function show(tab) {
    for (const b of tabs.querySelectorAll('.tab')) b.classList.toggle('active', b.dataset.tab === tab);
    document.getElementById('view-portfolio').hidden = tab !== 'portfolio';
    for (const f of frames.querySelectorAll('iframe')) f.hidden = f.dataset.tab !== tab;
    if (tab !== 'portfolio') {
      const frame = frames.querySelector(`iframe[data-tab="${tab}"]`);
      if (!frame.src) frame.src = frame.dataset.url;
    }
  }

  function build(view) {
    for (const i of view.instruments) {
      const b = document.createElement('button');
      b.className = 'tab';
      b.dataset.tab = i.symbol;
      b.textContent = i.symbol;
      tabs.appendChild(b);
      const f = document.createElement('iframe');
      f.dataset.tab = i.symbol;
      f.dataset.url = i.url;
      f.title = i.symbol;
      f.hidden = true;
      frames.appendChild(f);
    }
    tabs.addEventListener('click', e => { if (e.target.dataset.tab) show(e.target.dataset.tab); });
    built = true;
  }

  function render(view) {
    const rows = view.instruments.map(i => `<tr data-symbol="${i.symbol}"><th>${i.symbol}</th><td>${fmt(i.position, 4)}</td><td>${fmt(i.mid, 4)}</td>` +
      `<td class="notional">${fmt(i.notional)}</td><td>${fmt(i.realizedPnl, 4)}</td><td>${fmt(i.unrealizedPnl, 4)}</td><td class="pnl">${fmt(i.netPnl, 4)}</td><td>${i.openOrders}</td></tr>`);
    document.querySelector('#instruments tbody').innerHTML = rows.join('');
    document.getElementById('total-notional').textContent = fmt(view.netExposure);
    document.getElementById('total-gross').textContent = fmt(view.grossNotional);
    document.getElementById('total-pnl').textContent = fmt(view.netPnl, 4);
    document.querySelector('#limits tbody').innerHTML = view.limits.map(l =>
      `<tr><th>${l.name}</th><td>${fmt(l.now)}</td><td>${fmt(l.limit)}</td><td>${fmt(l.headroom)}</td></tr>`).join('');
    document.getElementById('limits-note').textContent = view.limits.length ? '' : 'no portfolio limits recorded (a journal keeps each instrument alone)';
  }

  // Pause, resume and kill every instrument at once (the token mm trade printed at start).
  async function act(name) {
    const out = document.getElementById('action-result');
    try {
      const r = await fetch('/api/' + name, { method: 'POST', headers: { 'X-Mm-Token': document.getElementById('token').value } });
      const body = await r.json();
      out.textContent = body.message;
      out.className = r.ok ? 'accepted' : 'refused';
    } catch (e) {
      out.textContent = 'no answer: ' + e;
      out.className = 'refused';
    }
  }

  for (const name of ['pause', 'resume', 'kill']) document.getElementById(name).addEventListener('click', () => act(name));

  async function poll() {
    try {
      const view = await (await fetch('/api/portfolio', { cache: 'no-store' })).json();
      if (!built) build(view);
      render(view);
      document.body.dataset.ready = 'true';
    } catch (e) {
      // the session may be ending: try again on the next round
    }
    setTimeout(poll, 500);
  }

  poll();
})();
