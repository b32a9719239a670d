/**
 * The service as the add-in talks to it: its address (kept per workbook in the workbook's
 * settings; see addin/excel/sync.ts) and a token (typed into the pane, kept for the pane's
 * session only, never written into the workbook). Every failure is a Persian message.
 */
import { toPersianDigits } from '../../core/text/digits';
import { joinAnswers, requestParts, type SyncAnswer, type SyncRequest } from './plan';
import { SYNC_TIMEOUT_MS, type HttpOutcome, type Transport } from './transport';

/** The workbook setting that holds the service address. */
export const SERVICE_SETTING = 'mosavabat.serviceUrl';

/**
 * The service address as typed, cleaned: `https://…` (any host) or `http://localhost…` /
 * `http://127.0.0.1…` (Office allows plain HTTP only to this machine).
 * @returns the address without a trailing slash, or an error in Persian
 */
export function serviceAddress(text: string): { ok: true; url: string } | { ok: false; fa: string } {
  const match = /^(https?):\/\/([^/?#\s]+)(\/[^?#\s]*)?$/i.exec(text.trim());
  if (!match) return { ok: false, fa: 'نشانی سامانه درست نیست؛ مانند https://server.example:8443 بنویسید' };
  const protocol = match[1].toLowerCase();
  const host = match[2].toLowerCase();
  const hostname = host.replace(/:\d+$/, '');
  const local = hostname === 'localhost' || hostname === '127.0.0.1';
  if (protocol !== 'https' && !local) {
    return { ok: false, fa: 'نشانی سامانه باید با https:// شروع شود (http فقط برای همین رایانه)' };
  }
  return { ok: true, url: `${protocol}://${host}${(match[3] ?? '').replace(/\/+$/, '')}` };
}

/** The Persian message of a failed exchange (no answer, or an answer other than 200). */
export function failureMessage(outcome: HttpOutcome): string {
  if (outcome.kind === 'network') return 'سامانه در دسترس نیست؛ نشانی سامانه و شبکه را بررسی کنید';
  if (outcome.kind === 'timeout') return `سامانه در ${toPersianDigits(String(SYNC_TIMEOUT_MS / 1000))} ثانیه پاسخ نداد؛ کمی بعد دوباره همگام‌سازی کنید`;
  const said = (outcome.body as { error?: { message?: unknown } } | undefined)?.error?.message;
  const service = typeof said === 'string' && said ? said : undefined;
  const code = toPersianDigits(String(outcome.status));
  switch (outcome.status) {
    case 401: return 'کلید دسترسی پذیرفته نشد؛ کلید دبیرخانه را دوباره وارد کنید';
    case 403: return 'این کلید اجازهٔ همگام‌سازی ندارد؛ همگام‌سازی فقط با کلید دبیرخانه است';
    case 409: return service ?? 'ردیف‌ها هم‌زمان در سامانه تغییر کردند؛ چند لحظهٔ دیگر دوباره همگام‌سازی کنید';
    case 413: return 'درخواست برای سامانه بزرگ است؛ مسئول سامانه باید حد اندازهٔ درخواست را بیشتر کند';
    case 429: return 'درخواست‌ها بیش از حد مجاز شد؛ چند دقیقهٔ دیگر دوباره همگام‌سازی کنید';
    default:
      if (outcome.status >= 500) return `سامانه خطا داد (کد ${code})؛ کمی بعد دوباره بکوشید و اگر تکرار شد به مسئول سامانه خبر دهید`;
      return service ?? `سامانه درخواست را نپذیرفت (کد ${code})`;
  }
}

/** What came back from a sync: the joined answer of every part that went through, and the failure that stopped the rest. */
export interface SyncExchange {
  answer: SyncAnswer;
  /** Rows whose part went through. */
  rowsSent: number;
  /** Parts sent and parts in all. */
  parts: { done: number; total: number };
  /** Persian message when a part failed (the parts after it were not sent). */
  failure?: string;
}

function isAnswer(body: unknown): body is SyncAnswer {
  const b = body as Partial<SyncAnswer> | undefined;
  return !!b && Array.isArray(b.rows) && Array.isArray(b.missing) && Array.isArray(b.conflicts) && Array.isArray(b.rejected);
}

/**
 * Send the rows to `${base}/api/sync` in parts of at most `partBytes`, one after the other;
 * stop at the first failure (the parts already merged stay merged on the service, and their
 * rows are written back).
 */
export async function exchangeRows(transport: Transport, base: string, token: string, request: SyncRequest, partBytes?: number): Promise<SyncExchange> {
  const parts = requestParts(request, partBytes);
  const answers: SyncAnswer[] = [];
  let rowsSent = 0;
  for (const part of parts) {
    const outcome = await transport({
      url: `${base}/api/sync`,
      method: 'POST',
      headers: { Authorization: `Bearer ${token.trim()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(part),
      timeoutMs: SYNC_TIMEOUT_MS,
    });
    let failure: string | undefined;
    if (outcome.kind !== 'answer' || outcome.status !== 200) failure = failureMessage(outcome);
    else if (!isAnswer(outcome.body)) failure = 'پاسخ سامانه خوانا نبود؛ نشانی سامانه را بررسی کنید';
    if (failure !== undefined) {
      const answer = joinAnswers(answers);
      // without the last part the service did not say which rows the sheet lacks
      return { answer: { ...answer, missing: [] }, rowsSent, parts: { done: answers.length, total: parts.length }, failure };
    }
    answers.push((outcome as { body: SyncAnswer }).body);
    rowsSent += part.rows.length;
  }
  return { answer: joinAnswers(answers), rowsSent, parts: { done: answers.length, total: parts.length } };
}
