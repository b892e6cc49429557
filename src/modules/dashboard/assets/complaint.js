/* The read-only complaint page of the dashboard: GET /api/v1/complaints/:id, rendered as text only. */
/* global window, document, location */
'use strict';

(function () {
  const { api, el, bi, fmt, CLOCKS, UUID, showWhoami, setState } = window.LB;
  const $ = (id) => document.getElementById(id);
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

  /** Any value of the API as display text: dates localised, objects compact, never markup. */
  function show(v) {
    if (typeof v === 'string' && ISO.test(v)) return fmt.dateTime(v);
    if (typeof v === 'boolean') return v ? 'ya (yes)' : 'tidak (no)';
    if (v !== null && typeof v === 'object') return JSON.stringify(v);
    return fmt.text(v);
  }

  function facts(dl, pairs) {
    dl.replaceChildren();
    for (const [label, value] of pairs) dl.append(el('dt', {}, label), el('dd', {}, show(value)));
  }

  function renderSummary(c) {
    $('c-title').textContent = c.title || c.trackingId || c.id;
    document.title = `${c.trackingId || c.laporId || 'Pengaduan'} — lapor-bridge`;
    facts($('c-facts'), [
      [bi('ID LAPOR!', 'LAPOR! id'), c.laporId],
      [bi('Nomor pelacakan', 'Tracking id'), c.trackingId],
      [bi('Status', 'Status'), c.status],
      [bi('Status LAPOR!', 'LAPOR! status'), c.laporStatus],
      [bi('Perwakilan', 'Mission'), c.missionCode],
      [bi('Prioritas', 'Priority'), c.priority],
      [bi('Klasifikasi', 'Classification'), c.classification],
      [bi('Kategori', 'Category'), c.category],
      [bi('Tingkat eskalasi', 'Escalation level'), c.escalationLevel],
      [bi('Diterima', 'Received'), c.receivedAt],
      [bi('Ditugaskan', 'Assigned'), c.assignedAt],
      [bi('Tanda terima', 'Acknowledged'), c.acknowledgedAt],
      [bi('Tindak lanjut pertama', 'First follow-up'), c.firstFollowUpAt],
      [bi('Selesai', 'Resolved'), c.resolvedAt],
    ]);
    if (c.content) {
      $('c-content').textContent = c.content;
      $('c-content-box').hidden = false;
    }
  }

  const UNITS = { working_days: 'hari kerja', hours: 'jam', days: 'hari' };
  const STATES = {
    running: 'berjalan (running)',
    paused: 'dijeda (paused)',
    met: 'terpenuhi (met)',
    breached: 'terlambat (breached)',
    cancelled: 'dibatalkan (cancelled)',
  };
  const CALENDARS = { national: 'nasional (national)', mission: 'perwakilan (mission)', hours: '24/7' };
  const amount = (n, unit) => `${fmt.num(n)} ${UNITS[unit] || fmt.text(unit)}`;

  /** The SLA columns a monitor reads, from the clocks of GET /api/v1/complaints/:id (sla.clocks). */
  const CLOCK_COLUMNS = [
    [
      bi('Jam', 'Clock'),
      (c) => (CLOCKS[c.clock] ? `${CLOCKS[c.clock][0]} (${CLOCKS[c.clock][1]})` : fmt.text(c.clock)),
    ],
    [bi('Siklus', 'Cycle'), (c) => fmt.num(c.cycle)],
    [bi('Kalender', 'Calendar'), (c) => CALENDARS[c.calendar] || fmt.text(c.calendar)],
    [bi('Batas', 'Limit'), (c) => (c.limit ? amount(c.limit.value, c.limit.unit) : '—')],
    [bi('Mulai', 'Started'), (c) => fmt.dateTime(c.startedAt)],
    [bi('Jatuh tempo', 'Due'), (c) => fmt.dateTime(c.dueAt)],
    [bi('Terpenuhi', 'Met'), (c) => fmt.dateTime(c.metAt || c.stoppedAt)],
    [bi('Berjalan', 'Elapsed'), (c) => amount(c.elapsed, c.limit && c.limit.unit)],
    [bi('Jeda', 'Paused'), (c) => `${fmt.num((Number(c.pausedMs) || 0) / 3_600_000)} jam`],
    [bi('Status', 'State'), (c) => STATES[c.state] || fmt.text(c.state)],
    [bi('Terlambat sejak', 'Breached at'), (c) => fmt.dateTime(c.breachedAt)],
  ];

  /** The complaint's SLA summary, and a table of its clocks. */
  function renderSla(sla) {
    const s = sla || {};
    facts($('c-sla'), [
      [bi('Siklus', 'Cycle'), s.cycle],
      [bi('Jatuh tempo', 'Due'), s.dueAt],
      [bi('Terlambat sejak', 'Breached at'), s.breachedAt],
      [bi('Riwayat impor', 'Imported history'), s.imported],
    ]);
    const clocks = Array.isArray(s.clocks) ? s.clocks : [];
    const table = $('c-clocks');
    if (!clocks.length) return;
    table.replaceChildren(
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          CLOCK_COLUMNS.map(([label]) => el('th', {}, label)),
        ),
      ),
      el(
        'tbody',
        {},
        clocks.map((c) =>
          el(
            'tr',
            { className: c.breached ? 'breached' : '' },
            CLOCK_COLUMNS.map(([, value]) => el('td', {}, value(c))),
          ),
        ),
      ),
    );
    table.hidden = false;
  }

  function renderTimeline(events) {
    const list = $('c-timeline');
    list.replaceChildren();
    for (const e of events || []) {
      const change = e.fromStatus || e.toStatus ? ` ${fmt.text(e.fromStatus)} → ${fmt.text(e.toStatus)}` : '';
      list.append(
        el(
          'li',
          {},
          el('time', { datetime: e.occurredAt }, fmt.dateTime(e.occurredAt)),
          ' ',
          el('strong', {}, fmt.text(e.type)),
          change,
          el('span', { className: 'actor' }, ` — ${fmt.text(e.actor)}`),
        ),
      );
    }
    if (!list.children.length) list.append(el('li', {}, bi('Belum ada riwayat', 'No events yet')));
  }

  async function start() {
    const id = location.pathname.split('/').pop() || '';
    if (!UUID.test(id)) {
      setState('error', 'Alamat pengaduan tidak sah (invalid complaint address).');
      return;
    }
    try {
      const [, c] = await Promise.all([showWhoami(), api(`/api/v1/complaints/${id}`)]);
      renderSummary(c);
      renderSla(c.sla);
      renderTimeline(c.timeline);
      setState('ready', '');
    } catch (e) {
      setState('error', `Gagal memuat pengaduan (failed to load the complaint): ${e.message}`);
    }
  }

  document.addEventListener('DOMContentLoaded', () => void start());
})();
