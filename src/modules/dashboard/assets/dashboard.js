/* The ministry dashboard: filters, summary tiles, charts and the breach list (README.md). */
/* global window, document, location, history, Chart */
'use strict';

(function () {
  const { api, el, fmt, CLOCKS, UUID, showWhoami, setState } = window.LB;
  const $ = (id) => document.getElementById(id);

  const COLORS = {
    acknowledgement: '#2f6fb0',
    first_follow_up: '#d08a1b',
    completion: '#2e8b57',
    breached: '#c0392b',
    open: '#7f8c9a',
    count: '#2f6fb0',
    days: '#d08a1b',
    workingDays: '#8e44ad',
  };
  const BAR_HEIGHT_PX = 22;
  const BREACH_PAGE = 50;

  let missions = [];
  let seq = 0;
  let breachCursor = null;
  const charts = {};

  const isoDate = (d) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

  /** The filters from the URL, else the last 12 months up to today, all regions. */
  function filtersFromUrl() {
    const q = new URLSearchParams(location.search);
    const today = new Date();
    const from = new Date(today.getFullYear(), today.getMonth() - 11, 1);
    const date = (v, def) => (/^\d{4}-\d{2}-\d{2}$/.test(v || '') ? v : def);
    return {
      from: date(q.get('from'), isoDate(from)),
      to: date(q.get('to'), isoDate(today)),
      region: q.get('region') || '',
      mission: q.get('mission') || '',
    };
  }

  function readForm() {
    return {
      from: $('f-from').value,
      to: $('f-to').value,
      region: $('f-region').value,
      mission: $('f-mission').value,
    };
  }

  const query = (params) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    return q.toString();
  };

  function fillRegions(selected) {
    const regions = [
      ...new Set(missions.map((m) => m.region).filter((r) => typeof r === 'string' && r)),
    ].sort();
    const select = $('f-region');
    select.replaceChildren(select.options[0]);
    for (const r of regions) select.append(el('option', { value: r, selected: r === selected }, r));
  }

  function fillMissions(region, selected) {
    const select = $('f-mission');
    select.replaceChildren(select.options[0]);
    for (const m of missions.filter((x) => !region || x.region === region))
      select.append(el('option', { value: m.code, selected: m.code === selected }, `${m.name} (${m.code})`));
  }

  function renderTiles(kpi) {
    $('tile-count').textContent = fmt.num(kpi.count);
    $('tile-followed-up').textContent = fmt.num(kpi.followedUp);
    $('tile-avg').textContent = fmt.days(kpi.avgFollowUpDays);
    $('tile-median').textContent = fmt.days(kpi.medianFollowUpDays);
    $('tile-p90').textContent = fmt.days(kpi.p90FollowUpDays);
    $('tile-avg-wd').textContent = `${fmt.num(kpi.avgFollowUpWorkingDays)} hari kerja (working days)`;
    $('tile-median-wd').textContent = `${fmt.num(kpi.medianFollowUpWorkingDays)} hari kerja (working days)`;
    $('tile-p90-wd').textContent = `${fmt.num(kpi.p90FollowUpWorkingDays)} hari kerja (working days)`;
    $('tile-within-sla').textContent = fmt.pct(kpi.withinSlaPct);
    const backlog = kpi.backlog || {};
    $('tile-backlog').textContent = fmt.num(backlog.open);
    $('tile-backlog-age').textContent = `rata-rata umur ${fmt.days(backlog.avgAgeDays)} (average age)`;
    $('tile-breached').textContent = fmt.num(backlog.breached);
    $('as-of').textContent = fmt.dateTime(kpi.asOf);
  }

  /** Draws (or redraws) one chart; horizontal charts grow with their number of bars. */
  function draw(name, config, rows, horizontal) {
    $(`empty-${name}`).hidden = rows > 0;
    const box = $(`box-${name}`);
    box.hidden = rows === 0;
    if (horizontal) box.style.height = `${Math.max(160, rows * BAR_HEIGHT_PX + 60)}px`;
    if (charts[name]) charts[name].destroy();
    charts[name] = new Chart($(`chart-${name}`), config);
  }

  const baseOptions = (extra) => ({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { position: 'bottom' } },
    ...extra,
  });

  function renderSla(sla) {
    const byMission = new Map();
    for (const row of sla.data || []) {
      if (!row.total) continue;
      const m = byMission.get(row.missionCode) || { label: row.missionName || row.missionCode, pct: {} };
      m.pct[row.clock] = row.compliancePct;
      byMission.set(row.missionCode, m);
    }
    // Worst first: the missions a monitor should look at.
    const rows = [...byMission.values()].sort(
      (a, b) =>
        (a.pct.first_follow_up ?? 101) - (b.pct.first_follow_up ?? 101) || a.label.localeCompare(b.label),
    );
    const clocks = ['acknowledgement', 'first_follow_up', 'completion'];
    draw(
      'sla',
      {
        type: 'bar',
        data: {
          labels: rows.map((r) => r.label),
          datasets: clocks.map((c) => ({
            label: `${CLOCKS[c][0]} (${CLOCKS[c][1]})`,
            data: rows.map((r) => r.pct[c] ?? null),
            backgroundColor: COLORS[c],
          })),
        },
        options: baseOptions({
          indexAxis: 'y',
          scales: { x: { min: 0, max: 100, title: { display: true, text: '%' } } },
        }),
      },
      rows.length,
      true,
    );
  }

  function renderBacklog(kpi) {
    const rows = (kpi.byMission || []).filter((m) => m.open > 0).sort((a, b) => b.open - a.open);
    draw(
      'backlog',
      {
        type: 'bar',
        data: {
          labels: rows.map((m) => m.missionName || m.missionCode),
          datasets: [
            {
              label: 'Terlambat (breached)',
              data: rows.map((m) => m.breached || 0),
              backgroundColor: COLORS.breached,
            },
            {
              label: 'Dalam batas waktu (on time)',
              data: rows.map((m) => Math.max(0, m.open - (m.breached || 0))),
              backgroundColor: COLORS.open,
            },
          ],
        },
        options: baseOptions({
          indexAxis: 'y',
          scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
        }),
      },
      rows.length,
      true,
    );
  }

  function renderTrend(kpi) {
    const months = kpi.byMonth || [];
    draw(
      'trend',
      {
        type: 'line',
        data: {
          labels: months.map((m) => m.month),
          datasets: [
            {
              label: 'Pengaduan (complaints)',
              data: months.map((m) => m.count),
              borderColor: COLORS.count,
              backgroundColor: COLORS.count,
              yAxisID: 'y',
            },
            {
              label: 'Rata-rata hari (avg days)',
              data: months.map((m) => m.avgFollowUpDays),
              borderColor: COLORS.days,
              backgroundColor: COLORS.days,
              yAxisID: 'y1',
              spanGaps: true,
            },
            {
              label: 'Rata-rata hari kerja (avg working days)',
              data: months.map((m) => m.avgFollowUpWorkingDays),
              borderColor: COLORS.workingDays,
              backgroundColor: COLORS.workingDays,
              yAxisID: 'y1',
              spanGaps: true,
            },
          ],
        },
        options: baseOptions({
          scales: {
            y: {
              beginAtZero: true,
              position: 'left',
              ticks: { precision: 0 },
              title: { display: true, text: 'Pengaduan' },
            },
            y1: {
              beginAtZero: true,
              position: 'right',
              grid: { drawOnChartArea: false },
              title: { display: true, text: 'Hari' },
            },
          },
        }),
      },
      months.length,
      false,
    );
  }

  function breachRow(b) {
    const label = b.trackingId || b.laporId || b.complaintId;
    const link = UUID.test(b.complaintId || '')
      ? el('a', { href: `/dashboard/complaints/${b.complaintId}`, className: 'breach-link' }, label)
      : label;
    const clock = CLOCKS[b.clock] ? `${CLOCKS[b.clock][0]}` : fmt.text(b.clock);
    return el(
      'tr',
      {},
      el('td', {}, link),
      el('td', {}, fmt.text(b.missionCode)),
      el('td', {}, fmt.text(b.region)),
      el('td', {}, clock),
      el('td', {}, fmt.text(b.priority)),
      el('td', {}, fmt.text(b.status)),
      el('td', {}, fmt.dateTime(b.dueAt)),
      el('td', { className: 'num' }, `${fmt.num(b.overdueHours)} jam`),
      el('td', { className: 'num' }, fmt.num(b.escalationLevel)),
    );
  }

  async function loadBreaches(filters, append, mine) {
    const params = {
      region: filters.region,
      mission: filters.mission,
      limit: BREACH_PAGE,
      cursor: append ? breachCursor : '',
    };
    const page = await api(`/api/v1/reports/breaches?${query(params)}`);
    if (mine !== seq) return;
    const body = $('breaches').tBodies[0];
    if (!append) body.replaceChildren();
    for (const b of page.data || []) body.append(breachRow(b));
    breachCursor = page.nextCursor || null;
    $('more-breaches').hidden = !breachCursor;
    $('empty-breaches').hidden = body.rows.length > 0;
  }

  async function load(filters) {
    const mine = ++seq;
    setState('loading', 'Memuat… (loading)');
    const range = { from: filters.from, to: filters.to, region: filters.region, mission: filters.mission };
    try {
      const [kpi, sla] = await Promise.all([
        api(`/api/v1/reports/kpi?${query(range)}`),
        api(`/api/v1/reports/sla?${query(range)}`),
        loadBreaches(filters, false, mine),
      ]);
      if (mine !== seq) return;
      renderTiles(kpi);
      renderSla(sla);
      renderBacklog(kpi);
      renderTrend(kpi);
      setState('ready', '');
    } catch (e) {
      if (mine === seq) setState('error', `Gagal memuat data (failed to load): ${e.message}`);
    }
  }

  async function start() {
    const filters = filtersFromUrl();
    $('f-from').value = filters.from;
    $('f-to').value = filters.to;
    // The figures load at once, beside who-am-I and the missions list (the reports API scopes a
    // supervisor's figures itself): one round of requests before the first render, not two.
    const loading = load(filters);
    let me;
    try {
      let list;
      [me, list] = await Promise.all([showWhoami(), api('/api/v1/missions')]);
      missions = (list.data || []).slice().sort((a, b) => String(a.name).localeCompare(String(b.name)));
    } catch (e) {
      setState('error', `Gagal memuat data (failed to load): ${e.message}`);
      return;
    }
    // A supervisor's figures are their mission's (the reports API scopes them): no office filters.
    if (me.missionCode) {
      for (const id of ['f-region', 'f-mission']) $(id).closest('label').hidden = true;
      filters.region = '';
      filters.mission = '';
    }
    fillRegions(filters.region);
    fillMissions(filters.region, filters.mission);

    $('f-region').addEventListener('change', () => fillMissions($('f-region').value, ''));
    $('filters').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const f = readForm();
      history.replaceState(null, '', `/dashboard?${query(f)}`);
      void load(f);
    });
    $('more-breaches').addEventListener('click', () => {
      const mine = seq;
      loadBreaches(readForm(), true, mine).catch((e) =>
        setState('error', `Gagal memuat (failed to load): ${e.message}`),
      );
    });
    await loading;
  }

  document.addEventListener('DOMContentLoaded', () => void start());
})();
