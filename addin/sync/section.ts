/**
 * The pane's Sync section: the service address (from and to the workbook's settings), the
 * secretariat's token (kept in this pane only), the button, the conflicts listed with their
 * cells (a click selects the cell) and the rows the service refused. After a sync that changed
 * the sheet the register is coloured again, as after adding minutes.
 */
import { saveServiceUrl, savedServiceUrl, syncRegister } from '../excel/sync';
import { colorRegister, selectCell } from '../excel/commands';
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
  const refused = element<HTMLUListElement>('sync-rejected');
  const button = element<HTMLButtonElement>('sync');
  url.value = savedServiceUrl();
  const say = (ok: boolean, message: string) => {
    status.textContent = message;
    if (ok) status.classList.remove('error');
    else status.classList.add('error');
  };
  button.addEventListener('click', async () => {
    const address = serviceAddress(url.value);
    if (!address.ok) return say(false, address.fa);
    if (!token.value.trim()) return say(false, 'کلید دسترسی دبیرخانه را وارد کنید');
    button.disabled = true;
    try {
      if (address.url !== savedServiceUrl()) await saveServiceUrl(address.url);
      url.value = address.url;
      say(true, 'در حال همگام‌سازی…');
      const outcome = await syncRegister(address.url, token.value);
      let message = outcome.message;
      if (outcome.added || outcome.changed) {
        const coloured = await colorRegister();
        if (!coloured.ok) message = `${message}\n${coloured.message}`;
      }
      list.replaceChildren(...outcome.conflicts.map((conflict) => {
        const li = document.createElement('li');
        li.tabIndex = 0;
        li.setAttribute('data-cell', conflict.address);
        li.textContent = `${conflict.address}: ${conflict.fa}`;
        // a sheet renamed or deleted since: say so rather than do nothing
        const go = () => { void selectCell(conflict.sheet, conflict.address).then((o) => { if (!o.ok) say(false, o.message); }); };
        li.addEventListener('click', go);
        li.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
        return li;
      }));
      refused.replaceChildren(...outcome.rejected.map((text) => {
        const li = document.createElement('li');
        li.textContent = text;
        return li;
      }));
      say(outcome.ok, message);
    } catch (error) {
      say(false, `همگام‌سازی انجام نشد: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      button.disabled = false;
    }
  });
}
