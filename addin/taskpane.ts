/**
 * The task pane page: copies the form into calculateDeadline and its result into the page.
 * Thin on purpose — the logic is in deadlineCalculator.ts. The page works in any browser:
 * the calculator needs nothing from Office, and Office.onReady only reports the host (the
 * Excel features come in a later issue).
 */
import { installDomShims } from './domShims';
import { JalaliDate } from '../core/jalali';
import { toPersianDigits } from '../core/text';
import { calculateDeadline } from './deadlineCalculator';
import type { CalculatorResult } from './deadlineCalculator';
import { startExcelPane } from './paneExcel';

/** The one part of Office.js used here; Office.js is a plain <script>, absent when it failed to load. */


function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`taskpane.html has no #${id}`);
  return found as T;
}

function render(result: CalculatorResult): void {
  const dueLine = element('due-line');
  const warnings = element<HTMLUListElement>('warnings');
  const meetingInput = element<HTMLInputElement>('meeting-date');
  warnings.replaceChildren();
  meetingInput.removeAttribute('aria-invalid');
  dueLine.hidden = false;
  element('weekday').textContent = '';

  switch (result.outcome) {
    case 'due': {
      element('due').textContent = result.dueDisplay;
      element('weekday').textContent = `(${result.weekday})`;
      const days = result.daysAfterMeeting;
      const distance = days >= 0 ? `${toPersianDigits(String(days))} روز پس از جلسه` : `${toPersianDigits(String(-days))} روز پیش از جلسه`;
      element('explanation').textContent = `${result.explanation}؛ ${distance}`;
      break;
    }
    case 'ongoing':
      element('due').textContent = 'ندارد';
      element('explanation').textContent = result.explanation;
      break;
    case 'no_date':
      element('due').textContent = 'تعیین نشد';
      element('explanation').textContent = result.explanation;
      break;
    case 'bad_meeting_date':
      dueLine.hidden = true;
      element('explanation').textContent = '';
      meetingInput.setAttribute('aria-invalid', 'true');
      break;
  }
  const messages = result.outcome === 'bad_meeting_date' ? [result.error] : result.warnings;
  for (const message of messages) {
    const item = document.createElement('li');
    item.textContent = message.fa;
    item.dataset.code = message.code;
    if (result.outcome === 'bad_meeting_date') item.className = 'error';
    warnings.append(item);
  }
}

function calculate(): void {
  render(calculateDeadline({
    meetingDate: element<HTMLInputElement>('meeting-date').value,
    phrase: element<HTMLInputElement>('phrase').value,
    thursdayIsWorkday: element<HTMLInputElement>('thursday').checked,
  }));
}

function start(): void {
  const meetingInput = element<HTMLInputElement>('meeting-date');
  meetingInput.value = JalaliDate.today().toDisplay();
  element<HTMLFormElement>('calculator').addEventListener('submit', (event) => {
    event.preventDefault();
    calculate();
  });
  // live result once both fields hold something; a half-typed date waits for the button
  for (const id of ['meeting-date', 'phrase', 'thursday']) {
    element(id).addEventListener('input', () => {
      if (JalaliDate.tryParse(meetingInput.value).ok && element<HTMLInputElement>('phrase').value.trim()) calculate();
    });
  }
  // show the date the way the secretariat reads it once the field is left
  meetingInput.addEventListener('change', () => {
    const parsed = JalaliDate.tryParse(meetingInput.value);
    if (parsed.ok) meetingInput.value = parsed.date.toDisplay();
  });

  if (typeof Office !== 'undefined') {
    Office.onReady().then((info) => {
      if (String(info.host) === 'Excel') {
        element('host-status').textContent = 'در اکسل باز است';
        startExcelPane();
      }
    }, () => undefined);
  }
}

installDomShims(window);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
