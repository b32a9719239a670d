/**
 * The pane's Sync section: the service address (from and to the workbook's settings), the
 * secretariat's token (kept in this pane only), the button, and the conflicts listed with
 * their cells (a click selects the cell).
 */
import { saveServiceUrl, savedServiceUrl, syncRegister } from '../excel/sync';
import { selectCell } from '../excel/commands';
import { serviceAddress } from './client';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`taskpane.html has no #${id}`);
  return found as T;
}

/** Wire the section (once the pane runs in Excel). */
export function startSyncSection(): void {
  const url = element<HTMLInputElement>('sync-url');
  const token = element<HTMLInputElement>('sync-token');
  const status = element('sync-status');
  const list = element<HTMLUListElement>('sync-conflicts');
  const button = element<HTMLButtonElement>('sync');
  url.value = savedServiceUrl();
  const say = (ok: boolean, message: string) => {
    status.textContent = message;
    status.classList.toggle('error', !ok);
  };
  button.addEventListener('click', async () => {
    const address = serviceAddress(url.value);
    if (!address.ok) return say(false, address.fa);
    if (!token.value.trim()) return say(false, 'کلید دسترسی دبیرخانه را وارد کنید');
    button.disabled = true;
    try {
      if (address.url !== savedServiceUrl()) await saveServiceUrl(address.url);
      url.value = address.url;
      const outcome = await syncRegister(address.url, token.value);
      say(outcome.ok, outcome.message);
      list.replaceChildren(...outcome.conflicts.map((conflict) => {
        const li = document.createElement('li');
        li.tabIndex = 0;
        li.dataset.cell = conflict.address;
        li.textContent = `${conflict.address}: ${conflict.fa}`;
        li.addEventListener('click', () => { void selectCell(conflict.sheet, conflict.address); });
        return li;
      }));
    } finally {
      button.disabled = false;
    }
  });
}
