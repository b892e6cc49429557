/* Shared helpers of the dashboard pages (README.md in src/modules/dashboard). */
/* global window, document, location */
'use strict';

(function () {
  /** GET a JSON document of the API with the session cookie; 401 sends the user back to sign in. */
  async function api(path) {
    const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.status === 401) {
      location.assign('/dashboard/login');
      throw new Error('Sesi berakhir / session ended');
    }
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const detail = body && typeof body.detail === 'string' ? body.detail : res.statusText;
      throw new Error(`${res.status} ${path.split('?')[0]}: ${detail}`);
    }
    return body;
  }

  /**
   * Builds an element. Data only ever becomes text (text nodes, textContent); attributes are set
   * one by one, never as HTML, so nothing from the API can turn into markup.
   */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'className') node.className = v;
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      node.append(c instanceof window.Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  /** A label in Bahasa Indonesia with its English translation in small print. */
  function bi(id, en) {
    return [id, ' ', el('small', { lang: 'en' }, en)];
  }

  const DASH = '—';
  const idNum = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
  const fmt = {
    num: (n) => (typeof n === 'number' && Number.isFinite(n) ? idNum.format(n) : DASH),
    pct: (n) => (typeof n === 'number' && Number.isFinite(n) ? `${idNum.format(n)}%` : DASH),
    days: (n) => (typeof n === 'number' && Number.isFinite(n) ? `${idNum.format(n)} hari` : DASH),
    dateTime: (s) => {
      if (!s) return DASH;
      const d = new Date(s);
      return Number.isNaN(d.getTime())
        ? String(s)
        : d.toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' });
    },
    text: (s) => (s === undefined || s === null || s === '' ? DASH : String(s)),
  };

  /** SLA clock names as the reports API spells them. */
  const CLOCKS = {
    acknowledgement: ['Tanda terima', 'Acknowledgement'],
    first_follow_up: ['Tindak lanjut pertama', 'First follow-up'],
    followUp: ['Tindak lanjut pertama', 'First follow-up'],
    completion: ['Penyelesaian', 'Completion'],
  };

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  /** Shows who is signed in and, for admins, the link to Bull Board. */
  async function showWhoami() {
    const me = await api('/api/v1/auth/whoami');
    const who = document.getElementById('whoami');
    if (who) who.textContent = `${me.name} (${me.role})`;
    const queues = document.getElementById('queues-link');
    if (queues) queues.hidden = me.role !== 'admin';
    return me;
  }

  /** Marks the page ready or failed (the browser tests wait for this) and says why in the status line. */
  function setState(state, message) {
    document.body.dataset.state = state;
    // The first complete render, for anyone measuring it (npm run bench: performance mark lb-ready).
    if (state === 'ready' && !performance.getEntriesByName('lb-ready').length) performance.mark('lb-ready');
    const status = document.getElementById('status');
    if (!status) return;
    status.textContent = message || '';
    status.className = state === 'error' ? 'alert' : 'status';
    status.hidden = !message;
  }

  window.LB = { api, el, bi, fmt, CLOCKS, UUID, showWhoami, setState };
})();
