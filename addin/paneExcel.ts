/**
 * The task pane's Excel section: the buttons call the commands in addin/excel and show what
 * they return (Persian, in the pane); the validation list selects a finding's cell when
 * clicked; minutes are previewed before they are added; the settings form edits the register's
 * `تنظیمات` sheet; re-colour on edit is an option, on by default where Excel supports it.
 */
import { toLatinDigits, toPersianDigits } from '../core/text';
import { JalaliDate } from '../core/jalali';
import {
  addMinutes, colorRegister, previewMinutesText, readSettings, saveSettings, selectCell, validateRegister, writeSummary,
  type ValidationItem,
} from './excel/commands';
import { canUse, missingFeatures } from './excel/capabilities';
import { startAutoColor, stopAutoColor } from './excel/autoColor';
import { createRegister } from './excel/newRegister';
import { paneSection } from './paneSection';
import { minutesEncoding, type TextEncoding } from './plan/minutesEncoding';
import { startSyncSection } from './sync/section';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`taskpane.html has no #${id}`);
  return found as T;
}

function say(id: string, outcome: { ok: boolean; message: string }): void {
  const target = element(id);
  target.textContent = outcome.message;
  target.classList.toggle('error', !outcome.ok);
}

/** Run a button's work with the button disabled, so a double click does not run it twice. */
async function busy(button: HTMLButtonElement, work: () => Promise<void>): Promise<void> {
  button.disabled = true;
  try {
    await work();
  } catch (error) {
    say('status', { ok: false, message: `کار انجام نشد: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    button.disabled = false;
  }
}

function renderIssues(items: ValidationItem[]): void {
  const lists = { error: element<HTMLUListElement>('error-list'), warning: element<HTMLUListElement>('warning-list') };
  lists.error.replaceChildren();
  lists.warning.replaceChildren();
  for (const item of items) {
    const li = document.createElement('li');
    li.tabIndex = 0;
    li.dataset.cell = item.cell;
    li.dataset.sheet = item.sheet;
    li.dataset.code = item.code;
    li.title = item.en;
    const cell = document.createElement('span');
    cell.className = 'cell';
    cell.textContent = item.cell;
    li.append(document.createTextNode(item.fa), cell);
    const go = () => { void selectCell(item.sheet, item.cell).then((o) => { if (!o.ok) say('status', o); }); };
    li.addEventListener('click', go);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
    lists[item.severity].append(li);
  }
  const errors = items.filter((i) => i.severity === 'error').length;
  element('errors-total').textContent = `(${toPersianDigits(String(errors))})`;
  element('warnings-total').textContent = `(${toPersianDigits(String(items.length - errors))})`;
  const badge = element('error-count');
  badge.textContent = toPersianDigits(String(errors));
  badge.hidden = false;
  element('issues').hidden = false;
}

async function runValidate(): Promise<void> {
  const outcome = await validateRegister();
  say('status', outcome);
  if (outcome.ok) renderIssues(outcome.items);
}

/** Bring an open validation list up to date (after a re-colour), leaving the status line to the colour's message. */
async function refreshIssues(): Promise<void> {
  if (element('issues').hidden) return;
  const outcome = await validateRegister();
  if (outcome.ok) renderIssues(outcome.items);
}

function read<T>(file: Blob, start: (reader: FileReader) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as T);
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    start(reader);
  });
}

/** Read a chosen minutes file as text; a Persian message when it is not minutes text or cannot be read. */
async function readMinutesFile(file: Blob): Promise<{ ok: true; text: string; encoding: TextEncoding } | { ok: false; message: string }> {
  try {
    const bytes = new Uint8Array(await read<ArrayBuffer>(file, (r) => r.readAsArrayBuffer(file)));
    const decoding = minutesEncoding(bytes);
    if (!decoding.ok) return decoding;
    const text = await read<string>(file, (r) => r.readAsText(file, decoding.encoding));
    return { ok: true, text: text.replace(/^\uFEFF/, ''), encoding: decoding.encoding };
  } catch {
    return { ok: false, message: 'فایل خوانده نشد؛ دوباره برگزینید یا متن آن را در کادر بچسبانید.' };
  }
}

let previewText = '';

async function runPreview(): Promise<void> {
  previewText = element<HTMLTextAreaElement>('minutes-text').value;
  const preview = await previewMinutesText(previewText);
  say('minutes-status', preview);
  const table = element<HTMLTableElement>('preview-table');
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const row of preview.rows) {
    const tr = document.createElement('tr');
    if (row.present) tr.className = 'present';
    for (const text of [toPersianDigits(String(row.row)), row.agency, row.deadline, row.due || '—', row.warnings.join('؛ ')]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  table.hidden = !preview.rows.length;
  element<HTMLButtonElement>('append').disabled = !preview.ok || !preview.rows.some((r) => !r.present);
}

async function runAppend(): Promise<void> {
  const outcome = await addMinutes(previewText);
  say('minutes-status', outcome);
  if (outcome.ok && outcome.added) await recolor();
  element<HTMLButtonElement>('append').disabled = true;
}

async function loadSettingsForm(): Promise<void> {
  const read = await readSettings();
  if (!read.ok || !read.settings) return;
  element<HTMLInputElement>('set-thursday').checked = read.settings.thursdayIsWorkday;
  element<HTMLInputElement>('set-urgent').value = toPersianDigits(String(read.settings.urgentDays));
  element<HTMLInputElement>('set-soon').value = toPersianDigits(String(read.settings.dueSoonDays));
  element<HTMLTextAreaElement>('set-holidays').value = read.settings.holidays.map((d) => toPersianDigits(d)).join('\n');
  if (read.message) say('settings-status', { ok: false, message: read.message });
}

function days(id: string): number | undefined {
  // Persian, Arabic-Indic or Latin digits, as the settings sheet takes them
  const text = toLatinDigits(element<HTMLInputElement>(id).value).trim();
  const n = Number(text);
  return text !== '' && Number.isInteger(n) && n >= 0 && n <= 365 ? n : undefined;
}

async function runSaveSettings(): Promise<void> {
  const urgent = days('set-urgent');
  const soon = days('set-soon');
  const holidays: string[] = [];
  for (const line of element<HTMLTextAreaElement>('set-holidays').value.split(/\n+/).map((l) => l.trim()).filter(Boolean)) {
    const parsed = JalaliDate.tryParse(line);
    if (!parsed.ok) {
      say('settings-status', { ok: false, message: `«${line}» تاریخ شمسی درستی نیست` });
      return;
    }
    holidays.push(parsed.date.toString());
  }
  if (urgent === undefined || soon === undefined) {
    say('settings-status', { ok: false, message: 'روزها باید عدد صحیح بین ۰ و ۳۶۵ باشند' });
    return;
  }
  const saved = await saveSettings({ thursdayIsWorkday: element<HTMLInputElement>('set-thursday').checked, urgentDays: urgent, dueSoonDays: soon, holidays });
  say('settings-status', saved);
  // the colours follow the new settings at once (the due-soon window, holidays in the states)
  if (saved.ok) await recolor();
}

/** Colour again and, when the validation list is open, bring it up to date too. */
async function recolor(): Promise<void> {
  say('status', await colorRegister());
  await refreshIssues();
}

/** After a re-colour on edit: its message, and an open validation list checked again so it stays current. */
function colouredOnEdit(outcome: { ok: boolean; message: string }): void {
  say('status', outcome);
  void refreshIssues();
}

/** Wire the Excel section once Office says the pane runs in Excel. */
export function startExcelPane(): void {
  element('excel').hidden = false;
  const limits = element<HTMLUListElement>('limits');
  limits.replaceChildren(...missingFeatures().map((line) => {
    const li = document.createElement('li');
    li.textContent = line;
    return li;
  }));
  const button = (id: string) => element<HTMLButtonElement>(id);
  const auto = element<HTMLInputElement>('auto-color');
  auto.disabled = !canUse('1.7');
  auto.checked = canUse('1.7');
  button('color').addEventListener('click', () => busy(button('color'), async () => say('status', await colorRegister())));
  button('validate').addEventListener('click', () => busy(button('validate'), runValidate));
  // re-colour on edit watches the register found when it starts: a new one is watched from now on
  button('create').addEventListener('click', () => busy(button('create'), async () => {
    const created = await createRegister();
    say('status', created);
    if (created.ok && auto.checked) await startAutoColor(colouredOnEdit);
  }));
  button('summary').addEventListener('click', () => busy(button('summary'), async () => say('status', await writeSummary())));
  button('preview').addEventListener('click', () => busy(button('preview'), runPreview));
  button('append').addEventListener('click', () => busy(button('append'), runAppend));
  const picker = element<HTMLInputElement>('minutes-file');
  picker.addEventListener('change', () => {
    const file = picker.files?.[0];
    if (!file) return;
    void busy(button('preview'), async () => {
      const read = await readMinutesFile(file);
      if (!read.ok) return say('minutes-status', read);
      element<HTMLTextAreaElement>('minutes-text').value = read.text;
      await runPreview();
    });
  });
  element<HTMLFormElement>('settings').addEventListener('submit', (event) => event.preventDefault());
  button('save-settings').addEventListener('click', () => busy(button('save-settings'), runSaveSettings));
  const toggle = async () => {
    if (auto.checked) say('status', await startAutoColor(colouredOnEdit));
    else await stopAutoColor();
  };
  auto.addEventListener('change', () => { void toggle(); });
  if (auto.checked) void toggle();
  void loadSettingsForm();
  startSyncSection();
  // a pane opened by a ribbon button goes to that button's part
  const section = paneSection(location.search);
  if (section === 'validate') void busy(button('validate'), runValidate);
  if (section === 'summary') void busy(button('summary'), async () => say('status', await writeSummary()));
  if (section === 'minutes') element('minutes-text').focus();
}
