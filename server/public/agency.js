// The agency page: log in with the agency's token, download its return workbook, upload it filled, read the report.
'use strict';
(() => {
  const { digits, call, save, el, table, FIELDS, value, login } = Mosavabat;
  const message = document.getElementById('message');
  const show = (text, error) => {
    message.textContent = text;
    message.className = error ? 'error' : '';
  };

  function fileReport(answer) {
    const box = el('section', { className: 'file-report' }, el('h3', {}, answer.file));
    if (answer.error) {
      box.append(el('p', { className: 'error' }, answer.error.message));
      return box;
    }
    const report = answer.report;
    if (answer.duplicate) box.append(el('p', {}, 'همین فایل پیش‌تر فرستاده شده بود؛ چیزی دوباره اعمال نشد.'));
    box.append(el('p', { className: report.outcome === 'rejected' ? 'error' : '' }, report.fa));
    const rows = [];
    for (const a of report.applied) rows.push([el('td', { className: 'applied' }, 'اعمال شد'), a.id, FIELDS[a.field] || a.field, value(a.field, a.old) + ' ← ' + value(a.field, a.new), digits(a.cell || '')]);
    for (const r of report.rejected) rows.push([el('td', { className: 'rejected' }, 'رد شد'), r.id || '—', r.field ? FIELDS[r.field] || r.field : '—', r.fa, digits(r.cell || '')]);
    for (const c of report.conflicts) rows.push([el('td', { className: 'conflict' }, 'تعارض'), c.id, FIELDS[c.field] || c.field, c.fa, digits(c.cell || '')]);
    for (const o of report.outdated || []) rows.push([el('td', { className: 'outdated' }, 'قدیمی'), o.id, FIELDS[o.field] || o.field, o.fa, digits(o.cell || '')]);
    // notes: merged, but something to know (an unsigned older file, a percent set for a done row …)
    for (const n of report.notes || []) rows.push([el('td', { className: 'note' }, 'یادداشت'), n.id || '—', '—', n.fa, digits(n.cell || '')]);
    if (rows.length) box.append(table(['نتیجه', 'شناسه', 'ستون', 'شرح', 'خانه'], rows));
    return box;
  }

  login(document.getElementById('login'), async (me) => {
    if (me.role !== 'agency') {
      document.getElementById('who').textContent = 'این کلید دبیرخانه است؛ برای دبیرخانه از داشبورد استفاده کنید.';
    } else {
      document.getElementById('who').textContent = 'دستگاه: ' + me.agency;
    }
    document.getElementById('work').hidden = me.role !== 'agency';
    show('');
  }, (error) => show(error.message, true));

  document.getElementById('download').addEventListener('click', () => {
    save('/api/return.xlsx').catch((error) => show(error.message, true));
  });

  document.getElementById('upload').addEventListener('submit', async (event) => {
    event.preventDefault();
    const files = document.getElementById('files').files;
    if (!files.length) return;
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    const out = document.getElementById('report');
    out.replaceChildren(el('p', {}, 'در حال خواندن و ادغام…'));
    try {
      const { body } = await call('/api/returns', { method: 'POST', body: form });
      out.replaceChildren(...body.files.map(fileReport));
      show('');
    } catch (error) {
      out.replaceChildren();
      show(error.message, true);
    }
  });
})();
