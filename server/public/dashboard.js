// The secretariat's dashboard: filters, per-agency table with an SVG chart of states, the overdue list,
// extension requests to accept or refuse, downloads and uploads; printable on A4.
'use strict';
(() => {
  const { digits, call, allRows, save, el, table, login } = Mosavabat;
  const SVG = 'http://www.w3.org/2000/svg';
  let palette = [];
  // the overdue list shows its most-late rows unless the user asks for every one
  let allOverdue = false;
  const message = document.getElementById('message');
  const show = (text, error) => {
    message.textContent = text;
    message.className = error ? 'error' : '';
  };
  const query = () => {
    const params = new URLSearchParams();
    for (const name of ['meeting', 'agency', 'state']) {
      const v = document.getElementById(name).value;
      if (v) params.set(name, v);
    }
    return params.toString();
  };

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, v] of Object.entries(attributes)) node.setAttribute(name, String(v));
    node.append(...children);
    return node;
  }

  /** One stacked bar per agency: the share of each state, in the palette's colours. */
  function chart(agencies) {
    const width = 720;
    const bar = 22;
    const label = 240;
    const height = agencies.length * (bar + 8) + 8;
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': 'نمودار وضعیت مصوبات هر دستگاه', id: 'stateChart' });
    agencies.forEach((a, i) => {
      const y = 8 + i * (bar + 8);
      root.append(svg('text', { x: width - 4, y: y + bar - 6, 'text-anchor': 'start', 'font-size': 12, direction: 'rtl' }, a.agency.slice(0, 40)));
      let x = width - label;
      for (const entry of palette) {
        const count = a.counts[entry.state] || 0;
        if (!count) continue;
        const w = ((width - label - 8) * count) / a.total;
        x -= w;
        root.append(svg('rect', { x, y, width: w, height: bar, fill: '#' + entry.fill, stroke: '#666', 'stroke-width': 0.5, 'data-state': entry.state },
          svg('title', {}, `${entry.fa}: ${digits(count)}`)));
      }
    });
    return root;
  }

  async function refresh() {
    const q = query();
    const [summary, rows] = await Promise.all([call('/api/summary?' + q + (allOverdue ? '&overdueLimit=all' : '')), allRows('/api/assignments?requested=true&limit=1000&' + q)]);
    const s = summary.body;
    document.getElementById('today').textContent = 'امروز: ' + digits(s.today);
    document.getElementById('chart').replaceChildren(chart(s.agencies));
    document.getElementById('agencies').replaceChildren(table(
      ['دستگاه', 'کل', 'انجام شده', 'مهلت گذشته', 'نزدیک به پایان مهلت', 'در مهلت', 'درصد انجام'],
      s.agencies.map((a) => [a.agency, digits(a.total), digits(a.done), digits(a.counts.overdue), digits(a.counts.due_soon), digits(a.counts.on_track),
        a.percentDone === null ? '—' : digits(a.percentDone) + '٪']),
    ));
    document.getElementById('overdue').replaceChildren(s.overdue.length ? table(
      ['جلسه', 'ردیف', 'دستگاه', 'مصوبه', 'مهلت', 'روز تأخیر'],
      s.overdue.map((o) => [o.meeting, digits(o.row), o.agency, el('td', { className: 'text' }, o.text), digits(o.due), digits(o.daysLate)]),
    ) : el('p', {}, 'مصوبه‌ای با مهلت گذشته نیست.'));
    if (s.overdue.length < s.overdueTotal) {
      const more = el('button', { type: 'button', id: 'allOverdue', className: 'no-print' }, `نمایش همهٔ ${digits(s.overdueTotal)} مورد`);
      more.addEventListener('click', () => {
        allOverdue = true;
        refresh().catch((error) => show(error.message, true));
      });
      document.getElementById('overdue').append(el('p', {}, `${digits(s.overdue.length)} مورد با بیشترین تأخیر از ${digits(s.overdueTotal)} مورد مهلت گذشته `, more));
    }
    document.getElementById('requests').replaceChildren(rows.length ? table(
      ['دستگاه', 'مصوبه', 'مهلت فعلی', 'مهلت درخواستی', 'دلیل', 'تصمیم'],
      rows.map((r) => [r.agency, el('td', { className: 'text' }, r.text), digits(r.due || '—'), digits(r.requestedDue), r.requestReason || '—',
        el('td', {}, decide(r, 'accept', 'پذیرش'), ' ', decide(r, 'refuse', 'رد'))]),
    ) : el('p', {}, 'درخواست تمدیدی در انتظار تصمیم نیست.'));
  }

  function decide(row, decision, text) {
    const button = el('button', { type: 'button', className: 'decide', 'data-decision': decision, 'data-id': row.id }, text);
    button.addEventListener('click', async () => {
      try {
        await call(`/api/assignments/${encodeURIComponent(row.id)}/extension`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', 'If-Match': `"${row.revision}"` }, body: JSON.stringify({ decision }),
        });
        show(decision === 'accept' ? 'مهلت درخواستی پذیرفته شد.' : 'درخواست تمدید رد شد.');
        await refresh();
      } catch (error) {
        show(error.message, true);
        await refresh();
      }
    });
    return button;
  }

  const OUTCOMES = { applied: 'ادغام شد', nothing_new: 'چیز تازه‌ای نداشت', already_merged: 'پیش‌تر ادغام شده بود', rejected: 'رد شد' };

  /** The files received, newest first, with who sent each and what became of it (a refusal's reason too). */
  async function loadUploads() {
    const { body } = await call('/api/uploads?limit=50');
    document.getElementById('uploads').replaceChildren(body.uploads.length ? table(
      ['زمان', 'فرستنده', 'فایل', 'نتیجه', 'خانه‌های اعمال‌شده', 'تعارض', 'دلیل رد'],
      body.uploads.map((u) => [digits(u.receivedTehran), u.sender.role === 'agency' ? u.sender.agency : 'دبیرخانه', u.name,
        OUTCOMES[u.outcome] || '—',
        digits(u.cellsApplied), digits(u.conflicts), u.refusal ? el('td', { className: 'text' }, u.refusal.fa) : '—']),
    ) : el('p', {}, 'هنوز فایلی به سامانه نرسیده است.'));
  }

  /** Every agency (the directory's, then those only the rows name) with its other names, to edit. */
  async function loadDirectory() {
    const [{ body: directory }, { body: summary }] = await Promise.all([call('/api/agencies'), call('/api/summary')]);
    const entries = directory.agencies.map((a) => ({ name: a.name, aliases: a.aliases }));
    const known = new Set(entries.flatMap((a) => [a.name, ...a.aliases]));
    for (const a of summary.agencies) if (!known.has(a.agency)) entries.push({ name: a.agency, aliases: [] });
    document.getElementById('directory').replaceChildren(table(['دستگاه', 'نام‌های دیگر'], entries.map((a) => [
      a.name, el('td', {}, el('input', { type: 'text', className: 'aliases', value: a.aliases.join('، '), 'data-name': a.name, title: 'نام‌های دیگر ' + a.name })),
    ])));
  }

  document.getElementById('directoryForm').addEventListener('submit', async (event) => {
    event.preventDefault();
    const agencies = Array.from(document.querySelectorAll('#directory input.aliases')).map((input) => ({
      name: input.getAttribute('data-name'),
      aliases: input.value.split(/[،,\n]/).map((alias) => alias.trim()).filter(Boolean),
    }));
    try {
      await call('/api/agencies', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ agencies }) });
      show('نام‌های دستگاه‌ها ذخیره شد.');
      await Promise.all([refresh(), loadDirectory()]);
    } catch (error) {
      show(error.message, true);
    }
  });

  async function start() {
    const [{ body: pal }, { body: meetings }, { body: summary }] = await Promise.all([call('/api/palette'), call('/api/meetings'), call('/api/summary')]);
    palette = pal.states;
    document.getElementById('legend').replaceChildren(...palette.map((p) => {
      const item = el('span', {}, p.fa);
      item.style.background = '#' + p.fill;
      return item;
    }));
    const fill = (id, options) => {
      const select = document.getElementById(id);
      select.replaceChildren(el('option', { value: '' }, 'همه'), ...options.map(([v, t]) => el('option', { value: v }, t)));
    };
    fill('meeting', meetings.meetings.map((m) => [m.id, `${m.title} (${digits(m.date || '')})`]));
    fill('agency', summary.agencies.map((a) => [a.agency, a.agency]));
    fill('state', palette.map((p) => [p.state, p.fa]));
    document.getElementById('work').hidden = false;
    await Promise.all([refresh(), loadDirectory(), loadUploads()]);
  }

  login(document.getElementById('login'), async (me) => {
    if (me.role !== 'secretariat') {
      show('این کلید دستگاه است؛ دستگاه‌ها از صفحهٔ دستگاه استفاده می‌کنند.', true);
      return;
    }
    show('');
    await start();
  }, (error) => show(error.message, true));

  document.getElementById('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh().catch((error) => show(error.message, true));
  });
  document.getElementById('print').addEventListener('click', () => window.print());
  document.getElementById('register').addEventListener('click', () => save('/api/register.xlsx').catch((e) => show(e.message, true)));
  document.getElementById('summaryBook').addEventListener('click', () => save('/api/summary.xlsx?' + query()).catch((e) => show(e.message, true)));

  function uploadForm(formId, inputId, path, describe) {
    document.getElementById(formId).addEventListener('submit', async (event) => {
      event.preventDefault();
      const file = document.getElementById(inputId).files[0];
      if (!file) return;
      const form = new FormData();
      form.append('file', file, file.name);
      const out = document.getElementById('uploadReport');
      try {
        const { body } = await call(path, { method: 'POST', body: form });
        out.replaceChildren(...body.files.map((f) => el('p', { className: f.error ? 'error' : '' }, f.file + ': ' + (f.error ? f.error.message : describe(f)))));
        await Promise.all([refresh(), loadDirectory(), loadUploads()]);
      } catch (error) {
        show(error.message, true);
      }
    });
  }
  // an agency written with a known agency's name, or likely a known one: the clerk should know (as `import` prints)
  const agencyWarnings = (report) => (report.resolutions || []).flatMap((r) => r.warnings || [])
    .filter((w) => w.code === 'agency_joined' || w.code === 'agency_alias_proposed').map((w) => ' — ' + w.fa).join('');
  uploadForm('minutesForm', 'minutes', '/api/minutes', (f) => `${digits(f.report.added)} ردیف تازه ثبت شد` + (f.report.existing ? `؛ ${digits(f.report.existing)} ردیف پیش‌تر ثبت شده بود` : '') +
    agencyWarnings(f.report));
  uploadForm('registerForm', 'registerFile', '/api/register', (f) => f.duplicate ? 'همین فایل پیش‌تر ادغام شده بود'
    : `${digits(f.report.cellsApplied)} خانه اعمال شد، ${digits(f.report.rowsAdded)} ردیف افزوده شد، ${digits(f.report.conflicts.length)} تعارض` +
      f.report.conflicts.map((c) => ' — ' + c.fa).join('') + registerSheets(f.report));
  // what the register's own تنظیمات and دستگاه‌ها sheets changed in the service
  function registerSheets(report) {
    const settings = report.settingsChanged || [];
    const directory = report.directory || { agenciesAdded: [], aliasesAdded: [], aliasesRefused: [] };
    const aliases = directory.aliasesAdded.length + directory.agenciesAdded.reduce((n, a) => n + a.aliases.length, 0);
    return (settings.length ? ' — تنظیمات دفتر در سامانه: ' + settings.map((c) => c.fa).join('؛ ') : '')
      + (aliases ? ` — ${digits(aliases)} نام دیگر دستگاه‌ها افزوده شد` : '')
      + directory.aliasesRefused.map((r) => ' — ' + r.fa).join('');
  }
})();
