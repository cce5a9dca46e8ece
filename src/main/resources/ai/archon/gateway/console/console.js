// The Archon console: one Alpine.js component (state + templates in index.html), ECharts for the architecture graphs.
// All data comes from the gateway's own API: /v1/archon/models, /v1/archon/providers, /v1/archon/reports, and
// /v1/chat/completions with "x-archon-trace: stream" for the playground's live trace (see docs/console.md).
'use strict';

// ECharts instances stay outside Alpine's reactive state (a proxied chart breaks).
const charts = new Map();

function archonConsole() {
  return {
    pages: [
      { id: 'models', title: 'Models' },
      { id: 'playground', title: 'Playground' },
      { id: 'providers', title: 'Providers' },
      { id: 'reports', title: 'Reports' },
    ],
    page: 'models',
    key: sessionStorage.getItem('archon-key') || '',
    error: '',
    models: [],
    rejected: [],
    providers: [],
    providersUpdated: '',
    reports: { folder: null, reports: [] },
    pg: { model: '', system: '', user: '', turns: [], running: false, started: false, status: '', layers: [],
      answer: '', summary: '', skipped: [] },
    poller: null,

    start() {
      const fromHash = () => {
        const id = location.hash.replace('#', '');
        this.page = this.pages.some(p => p.id === id) ? id : 'models';
        this.enter();
      };
      window.addEventListener('hashchange', fromHash);
      fromHash();
      this.loadModels();
    },

    saveKey() {
      sessionStorage.setItem('archon-key', this.key);
      this.enter();
      this.loadModels();
    },

    headers(extra) {
      const h = Object.assign({}, extra || {});
      if (this.key) h['authorization'] = 'Bearer ' + this.key;
      return h;
    },

    async getJson(url) {
      const r = await fetch(url, { headers: this.headers() });
      const body = await r.json();
      if (!r.ok) throw new Error((body.error && body.error.message) || ('HTTP ' + r.status));
      return body;
    },

    // What each page needs when it is shown: the providers page polls while visible.
    enter() {
      clearInterval(this.poller);
      this.poller = null;
      if (this.page === 'providers') {
        this.loadProviders();
        this.poller = setInterval(() => this.loadProviders(), 1000);
      }
      if (this.page === 'reports') this.loadReports();
      if (this.page === 'models') this.$nextTick(() => charts.forEach(c => c.resize()));
    },

    async loadModels() {
      try {
        const body = await this.getJson('/v1/archon/models');
        this.models = body.data;
        this.rejected = body.rejected || [];
        if (!this.pg.model && this.models.length) this.pg.model = this.models[0].id;
        this.error = '';
      } catch (e) {
        this.error = 'Models: ' + e.message;
      }
    },

    async loadProviders() {
      try {
        this.providers = (await this.getJson('/v1/archon/providers')).data;
        this.providersUpdated = 'Updated ' + new Date().toLocaleTimeString();
        this.error = '';
      } catch (e) {
        this.error = 'Providers: ' + e.message;
      }
    },

    async loadReports() {
      try {
        this.reports = await this.getJson('/v1/archon/reports');
      } catch (e) {
        this.error = 'Reports: ' + e.message;
      }
    },

    rows(m) {
      const out = [];
      m.archon.architecture.forEach(l => l.components.forEach((c, i) =>
        out.push({ key: l.layer + '-' + i, layer: l.layer, type: c.type, model: c.model, provider: c.provider,
          samples: c.samples })));
      return out;
    },

    // The architecture as an ECharts graph: one column per layer, left to right, every component linked to the next
    // layer's (each layer works on all of the previous layer's output).
    drawGraph(el, m) {
      const layers = m.archon.architecture;
      const tallest = Math.max(...layers.map(l => l.components.length));
      el.style.height = Math.max(160, tallest * 70 + 40) + 'px';
      const nodes = [];
      const links = [];
      layers.forEach((l, li) => l.components.forEach((c, ci) => {
        const id = l.layer + '.' + ci;
        nodes.push({ id, name: id, x: li * 220, y: (ci - (l.components.length - 1) / 2) * 70,
          value: c, label: { formatter: c.type + '\n' + c.model + (c.samples > 1 ? ' ×' + c.samples : '') },
          itemStyle: { color: COLORS[c.type] || '#6b7280' } });
        if (li > 0) layers[li - 1].components.forEach((p, pi) => links.push({ source: (l.layer - 1) + '.' + pi, target: id }));
      }));
      const old = charts.get(m.id);
      if (old) old.dispose();
      const chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption({
        animation: false,
        tooltip: { formatter: p => p.dataType === 'node' ? tip(p.data.value, p.data.id) : '' },
        series: [{ type: 'graph', layout: 'none', roam: false, symbol: 'roundRect', symbolSize: [150, 44],
          label: { show: true, color: '#fff', fontSize: 11, lineHeight: 15 }, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
          lineStyle: { color: '#9ca3af', opacity: 0.7 }, data: nodes, links }],
      });
      charts.set(m.id, chart);
    },

    limit(used, max) {
      return max ? used + ' / ' + max : String(used);
    },

    meta(c) {
      const parts = [c.status];
      if (c.latency_ms != null) parts.push(c.latency_ms + ' ms');
      parts.push(c.calls + (c.calls === 1 ? ' call' : ' calls'));
      if (c.prompt_tokens != null) parts.push(c.prompt_tokens + ' in / ' + c.completion_tokens + ' out tokens');
      if (c.cost != null) parts.push('$' + Number(c.cost).toFixed(6));
      return parts.join(' · ');
    },

    resetConversation() {
      this.pg.turns = [];
      this.pg.user = '';
    },

    // Runs the conversation as a streamed chat completion with the live trace, and shows each event as it arrives.
    async run() {
      const pg = this.pg;
      const messages = [];
      if (pg.system.trim()) messages.push({ role: 'system', content: pg.system });
      pg.turns.forEach(t => messages.push(t));
      messages.push({ role: 'user', content: pg.user });
      Object.assign(pg, { running: true, started: true, status: 'Running ' + pg.model + '…', layers: [], answer: '',
        summary: '', skipped: [] });
      try {
        const r = await fetch('/v1/chat/completions', {
          method: 'POST',
          headers: this.headers({ 'content-type': 'application/json', 'x-archon-trace': 'stream' }),
          body: JSON.stringify({ model: pg.model, messages, stream: true, stream_options: { include_usage: true } }),
        });
        if (!r.ok) {
          const body = await r.json().catch(() => ({}));
          throw new Error((body.error && body.error.message) || ('HTTP ' + r.status));
        }
        await readSse(r.body, data => this.onChunk(data));
        if (!pg.status.startsWith('Failed')) {
          pg.turns.push({ role: 'user', content: pg.user }, { role: 'assistant', content: pg.answer });
          pg.user = '';
        }
      } catch (e) {
        pg.status = 'Failed: ' + e.message;
      } finally {
        pg.running = false;
      }
    },

    onChunk(chunk) {
      const pg = this.pg;
      if (chunk.error) {
        pg.status = 'Failed: ' + chunk.error.message;
        return;
      }
      (chunk.choices || []).forEach(c => {
        if (c.index === 0 && c.delta && c.delta.content) pg.answer += c.delta.content;
      });
      if (chunk.usage) {
        const u = chunk.usage;
        pg.summary = u.prompt_tokens + ' prompt + ' + u.completion_tokens + ' completion tokens'
          + (u.cost != null ? ' · $' + Number(u.cost).toFixed(6) : '') + pg.summary;
      }
      if (chunk.archon) this.onTrace(chunk.archon);
    },

    onTrace(e) {
      const pg = this.pg;
      const layer = n => pg.layers.find(l => l.layer === n);
      const component = ev => layer(ev.layer).components[ev.component];
      switch (e.type) {
        case 'layer.started':
          pg.status = 'Layer ' + e.layer + ' running…';
          pg.layers.push({ layer: e.layer, inputs: [], components: e.components.map(c => ({ component: c.component,
            type: c.type, model: c.model, provider: c.provider, status: 'running', calls: 0, candidates: [],
            critiques: [], ranking: '', error: '', note: '' })) });
          break;
        case 'call.started':
          component(e).calls = e.call;
          break;
        case 'call.finished': {
          const c = component(e);
          // A generator's or fuser's calls are its candidates: show each as it arrives.
          if (e.status === 'ok' && (c.type === 'generator' || c.type === 'fuser')) c.candidates.push(e.text);
          if (e.status === 'failed') c.error = e.error;
          break;
        }
        case 'component.finished': {
          const c = component(e);
          Object.assign(c, { status: e.status, latency_ms: e.latency_ms, calls: e.calls, prompt_tokens: e.prompt_tokens,
            completion_tokens: e.completion_tokens, note: e.note || '', error: e.error || '' });
          if (e.cost != null) c.cost = e.cost;
          if (e.candidates) c.candidates = e.candidates;
          if (e.critiques) c.critiques = e.critiques;
          if (e.kept && c.type !== 'critic') {
            c.ranking = (c.type === 'ranker' ? 'Ranking: ' : 'Kept: ')
              + (e.kept.length ? e.kept.map(i => '[' + (i + 1) + ']').join(' > ') : 'none');
          }
          break;
        }
        case 'layer.finished':
          pg.status = 'Layer ' + e.layer + ' done: ' + e.candidates_out + ' candidates';
          break;
        case 'run.finished':
          pg.status = 'Done' + (e.degraded ? ' (degraded)' : '');
          pg.summary = ' · ' + e.upstream_calls + ' upstream calls' + (e.degraded ? ' · degraded' : '');
          pg.skipped = (e.trace && e.trace.skipped) || [];
          break;
        case 'run.failed':
          pg.status = 'Failed: ' + e.error;
          break;
      }
    },
  };
}

const COLORS = { generator: '#2563eb', critic: '#9333ea', ranker: '#d97706', fuser: '#059669', verifier: '#dc2626',
  unit_test_generator: '#0891b2', unit_test_evaluator: '#be185d' };

function tip(c, id) {
  const esc = s => String(s).replace(/[&<>"]/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[ch]));
  return 'Layer ' + esc(id.split('.')[0]) + ' · ' + esc(c.type) + '<br>' + esc(c.model) + ' (' + esc(c.provider) + ')'
    + '<br>samples ' + esc(c.samples) + (c.temperature != null ? ' · temperature ' + esc(c.temperature) : '');
}

// Reads a server-sent event stream from fetch and hands each data payload (parsed JSON) to onData.
async function readSse(body, onData) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      block.split('\n').filter(l => l.startsWith('data: ')).forEach(l => {
        const data = l.slice(6);
        if (data !== '[DONE]') onData(JSON.parse(data));
      });
    }
  }
}
