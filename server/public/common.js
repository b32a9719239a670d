// Shared by the pages: the token (kept for this browser tab only), calls to the API, Persian digits.
'use strict';
const Mosavabat = (() => {
  const KEY = 'mosavabat-token';
  const digits = (text) => String(text ?? '').replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
  const token = () => sessionStorage.getItem(KEY) || '';
  const setToken = (value) => (value ? sessionStorage.setItem(KEY, value.trim()) : sessionStorage.removeItem(KEY));

  async function call(path, options = {}) {
    const headers = Object.assign({}, options.headers, { Authorization: 'Bearer ' + token() });
    const response = await fetch(path, Object.assign({}, options, { headers }));
    const type = response.headers.get('content-type') || '';
    const body = type.includes('json') ? await response.json() : await response.blob();
    if (!response.ok && !(body && body.files)) {
      const error = new Error(body && body.error ? body.error.message : 'خطا در ارتباط با سرویس');
      error.status = response.status;
      error.body = body;
      throw error;
    }
    return { status: response.status, body, headers: response.headers };
  }

  /** Every row of a paged listing (`GET /api/assignments`): follows `next` until the last page. */
  async function allRows(path) {
    const rows = [];
    for (let next = path; next; ) {
      const { body } = await call(next);
      rows.push(...body.assignments);
      next = body.next;
    }
    return rows;
  }

  /** Download an API file with the token and hand it to the browser under its own name. */
  async function save(path) {
    const { body, headers } = await call(path);
    const disposition = headers.get('content-disposition') || '';
    const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(body);
    link.download = match ? decodeURIComponent(match[1]) : 'file.xlsx';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'className') node.className = value;
      else if (name.startsWith('data-')) node.setAttribute(name, value);
      else node[name] = value;
    }
    node.append(...children.filter((c) => c !== null && c !== undefined).map((c) => (typeof c === 'string' || typeof c === 'number' ? String(c) : c)));
    return node;
  }

  function table(headers, rows) {
    return el('table', {}, el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', {}, h)))),
      el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => (c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c)))))));
  }

  const FIELDS = {
    status: 'وضعیت', percent: 'درصد پیشرفت', report: 'گزارش اقدام', doneDate: 'تاریخ انجام', requestedDue: 'مهلت درخواستی',
    requestReason: 'دلیل درخواست تمدید', text: 'متن مصوبه', agency: 'اقدام کننده', deadlineText: 'زمان اقدام', due: 'مهلت', id: 'شناسه',
  };
  const STATUS = { not_started: 'انجام نشده', in_progress: 'در حال انجام', done: 'انجام شده', blocked: 'خارج از اختیار دستگاه', void: 'منتفی' };
  const value = (field, v) => (v === null || v === undefined || v === '' ? '—' : field === 'status' ? (STATUS[v] || v) : digits(v));

  /** Wire a token form: fill it from the tab's storage, store what is typed, call `onLogin`. */
  function login(form, onLogin, onError) {
    const input = form.querySelector('input');
    input.value = token();
    const go = async () => {
      try {
        const { body } = await call('/api/me');
        await onLogin(body);
      } catch (error) {
        onError(error);
      }
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      setToken(input.value);
      go();
    });
    if (token()) go();
  }

  return { digits, call, allRows, save, el, table, FIELDS, value, login, setToken };
})();
