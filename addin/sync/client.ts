/**
 * The service as the add-in talks to it: its address (kept per workbook in the workbook's
 * settings; see addin/excel/sync.ts) and a token (typed into the pane, kept for the pane's
 * session only, never written into the workbook).
 */
import type { SyncAnswer, SyncRequest } from './plan';

/** The workbook setting that holds the service address. */
export const SERVICE_SETTING = 'mosavabat.serviceUrl';

/**
 * The service address as typed, cleaned: `https://…` (any host) or `http://localhost…` /
 * `http://127.0.0.1…` (Office allows plain HTTP only to this machine).
 * @returns the address without a trailing slash, or an error in Persian
 */
export function serviceAddress(text: string): { ok: true; url: string } | { ok: false; fa: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, fa: 'نشانی سرویس درست نیست؛ مانند https://server.example:8443 بنویسید' };
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return { ok: false, fa: 'نشانی سرویس باید با https:// شروع شود (http فقط برای همین رایانه)' };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** `fetch` as the client uses it (a test passes its own). */
export type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body: string }) =>
  Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * Send the rows, get the merged rows back.
 * @returns the answer, or a Persian message (no network, wrong token, the service's own message)
 */
export async function postSync(fetcher: Fetch, base: string, token: string, request: SyncRequest):
  Promise<{ ok: true; answer: SyncAnswer } | { ok: false; fa: string }> {
  let response: Awaited<ReturnType<Fetch>>;
  try {
    response = await fetcher(`${base}/api/sync`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token.trim()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    return { ok: false, fa: 'سرویس در دسترس نیست؛ نشانی و شبکه را بررسی کنید' };
  }
  const body = await response.json().catch(() => undefined) as { error?: { message?: string } } | undefined;
  if (!response.ok) {
    if (response.status === 401) return { ok: false, fa: 'کلید دسترسی پذیرفته نشد؛ کلید دبیرخانه را دوباره وارد کنید' };
    return { ok: false, fa: body?.error?.message ?? `سرویس خطای ${response.status} داد` };
  }
  return { ok: true, answer: body as unknown as SyncAnswer };
}
