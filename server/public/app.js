// The service's page: plain script, no framework and nothing from a CDN.
'use strict';
const persianDigits = (text) => String(text ?? '').replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
let palette = {};

async function getJson(url, options) {
  const response = await fetch(url, options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : 'خطا');
  return body;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

async function refresh() {
  const [{ states }, { meetings }, { today, assignments }] = await Promise.all([
    getJson('/api/palette'), getJson('/api/meetings'), getJson('/api/assignments'),
  ]);
  document.getElementById('today').textContent = 'امروز: ' + persianDigits(today);
  palette = Object.fromEntries(states.map((s) => [s.state, s]));
  const legend = document.getElementById('legend');
  legend.replaceChildren(...states.map((s) => {
    const span = document.createElement('span');
    span.textContent = s.fa;
    span.style.background = '#' + s.fill;
    return span;
  }));
  document.querySelector('#meetings tbody').replaceChildren(...meetings.map((m) => {
    const tr = document.createElement('tr');
    tr.append(cell(m.title), cell(persianDigits(m.date)), cell(persianDigits(m.rowCount)));
    return tr;
  }));
  document.querySelector('#assignments tbody').replaceChildren(...assignments.map((a) => {
    const tr = document.createElement('tr');
    tr.dataset.state = a.state;
    tr.style.background = '#' + (palette[a.state] ? palette[a.state].fill : 'ffffff');
    tr.append(cell(a.meeting), cell(persianDigits(a.row)), cell(a.text, 'text'), cell(a.agency), cell(a.deadlineText),
      cell(persianDigits(a.due || '—')), cell(palette[a.state] ? palette[a.state].fa : a.state));
    return tr;
  }));
}

document.getElementById('upload').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = document.getElementById('message');
  const file = document.getElementById('minutes').files[0];
  if (!file) return;
  try {
    const result = await getJson('/api/minutes?name=' + encodeURIComponent(file.name), { method: 'POST', body: file });
    message.className = '';
    message.textContent = result.added > 0
      ? persianDigits(result.added) + ' ردیف از «' + result.meeting.title + '» ثبت شد.'
      : 'این صورتجلسه پیش‌تر ثبت شده بود؛ چیزی اضافه نشد.';
    await refresh();
  } catch (error) {
    message.className = 'error';
    message.textContent = error.message;
  }
});

refresh().catch((error) => {
  document.getElementById('message').textContent = error.message;
});
