/**
 * One HTTP exchange with the service, for every webview the add-in runs in: `fetch` where the
 * webview has it, XMLHttpRequest where it does not (Internet Explorer 11, the webview of
 * Excel 2016/2019 on older Windows). Either way a request has a time limit, and the outcome is
 * data (status and JSON body, or why there was no answer), never a thrown error.
 */

/** A request as the sync client makes it: JSON in, JSON out. */
export interface HttpRequest {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  /** Milliseconds before giving up. */
  timeoutMs: number;
}

/** The answer: a status and the parsed JSON body (undefined when there was none or it was not JSON), or no answer. */
export type HttpOutcome =
  | { kind: 'answer'; status: number; body: unknown }
  | { kind: 'network' }
  | { kind: 'timeout' };

export type Transport = (request: HttpRequest) => Promise<HttpOutcome>;

/** Time limit of one sync request: the service merges a 2 MB part of a large register in a few seconds. */
export const SYNC_TIMEOUT_MS = 60_000;

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The part of XMLHttpRequest used here (typed without the DOM library: tests run in Node). */
interface XhrLike {
  open(method: string, url: string, async: boolean): void;
  timeout: number;
  setRequestHeader(name: string, value: string): void;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  ontimeout: (() => void) | null;
  onabort: (() => void) | null;
  readonly status: number;
  readonly responseText: string;
  send(body: string | null): void;
}

/** The window's objects the transports use (a test passes its own). */
export interface TransportHost {
  fetch?: (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: unknown }) =>
    Promise<{ status: number; text(): Promise<string> }>;
  XMLHttpRequest?: new () => XhrLike;
  AbortController?: new () => { signal: unknown; abort(): void };
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** `fetch` with a time limit (AbortController where there is one, else the answer is ignored when late). */
export function fetchTransport(host: TransportHost): Transport {
  return (request) => new Promise<HttpOutcome>((resolve) => {
    let done = false;
    const finish = (outcome: HttpOutcome) => {
      if (done) return;
      done = true;
      host.clearTimeout(timer);
      resolve(outcome);
    };
    const controller = host.AbortController ? new host.AbortController() : undefined;
    const timer: unknown = host.setTimeout(() => {
      controller?.abort();
      finish({ kind: 'timeout' });
    }, request.timeoutMs);
    try {
      host.fetch!(request.url, { method: request.method, headers: request.headers, body: request.body, signal: controller?.signal })
        .then((response) => response.text().then((text) => finish({ kind: 'answer', status: response.status, body: parseJson(text) })))
        .catch(() => finish({ kind: 'network' }));
    } catch {
      finish({ kind: 'network' });
    }
  });
}

/** XMLHttpRequest with its own timeout (Internet Explorer 11 has no fetch). */
export function xhrTransport(host: TransportHost): Transport {
  return (request) => new Promise<HttpOutcome>((resolve) => {
    const xhr = new host.XMLHttpRequest!();
    let done = false;
    const finish = (outcome: HttpOutcome) => {
      if (done) return;
      done = true;
      resolve(outcome);
    };
    try {
      xhr.open(request.method, request.url, true);
      // Internet Explorer 11 wants the timeout set after open()
      xhr.timeout = request.timeoutMs;
      for (const name of Object.keys(request.headers)) xhr.setRequestHeader(name, request.headers[name]);
    } catch {
      finish({ kind: 'network' });
      return;
    }
    xhr.onload = () => finish({ kind: 'answer', status: xhr.status, body: parseJson(xhr.responseText) });
    xhr.onerror = () => finish({ kind: 'network' });
    xhr.ontimeout = () => finish({ kind: 'timeout' });
    xhr.onabort = () => finish({ kind: 'network' });
    try {
      xhr.send(request.body ?? null);
    } catch {
      finish({ kind: 'network' });
    }
  });
}

/**
 * The transport this webview can use: fetch when present, else XMLHttpRequest.
 * @param host the global object (window in the pane)
 */
export function webviewTransport(host: TransportHost = globalThis as unknown as TransportHost): Transport {
  return typeof host.fetch === 'function' ? fetchTransport(host) : xhrTransport(host);
}
