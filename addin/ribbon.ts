/**
 * Running a ribbon button's command and telling the user what happened, without a task pane.
 * Excel gives a function command no notification area (Office's notificationMessages exist only
 * in Outlook), so a failure is shown in a small Office dialog (Dialog API 1.1: every Excel that
 * has ribbon buttons has it); a success is shown the same way when the command asks for it
 * (the summary's numbers) or when its message asks something of the user (the menu click that
 * turns a sheet it added right to left), else left to speak for itself in the workbook. Either way
 * the outcome is kept in localStorage for the pane to show, and `completed()` is called exactly
 * once, also when the command throws or the dialog cannot open.
 */
import type { CommandOutcome } from './excel/commands';

/** The page the dialog shows; the message travels in its hash (`#m=…`). */
export const NOTICE_PAGE = 'notice.html';
/** localStorage key of the last ribbon outcome: JSON `{ at, name, ok, message }`. */
export const LAST_OUTCOME_KEY = 'mosavabat.lastRibbonOutcome';
/** Office cancels a function command after 5 minutes; the dialog is closed before that. */
export const DIALOG_LIMIT_MS = 4 * 60 * 1000;

export interface RibbonEvent {
  completed(): void;
}

interface AsyncResult<T> {
  status: string;
  value: T;
  error?: { code: number; message: string };
}

interface Dialog {
  addEventHandler(type: string, handler: (arg: unknown) => void): void;
  close(): void;
}

/** The few Office.js members used here (Office.js is a plain <script>, not a module). */
export interface OfficeUi {
  displayDialogAsync(url: string, options: { height: number; width: number; displayInIframe: boolean }, callback: (result: AsyncResult<Dialog>) => void): void;
}

export interface RibbonHost {
  ui?: OfficeUi;
  storage?: { setItem(key: string, value: string): void };
  /** Absolute URL of the function page, to find notice.html beside it. */
  pageUrl: string;
  now: () => Date;
  setTimer: (callback: () => void, ms: number) => unknown;
  /** Where details for a developer go (the user sees the Persian message); console.error by default. */
  log?: (line: string) => void;
  /** Show a success's message too (default: only failures). */
  tellSuccess?: boolean;
}

const UNEXPECTED = 'فرمان به خطای پیش‌بینی‌نشده خورد؛ دوباره امتحان کنید یا پنجره‌ی مصوبات را باز کنید.';

/**
 * Runs `command` for a ribbon button. Never throws and never leaves the button busy.
 * @param name the manifest's FunctionName, kept with the outcome
 */
export async function runRibbonCommand(name: string, event: RibbonEvent, command: () => Promise<CommandOutcome>, host: RibbonHost): Promise<void> {
  const log = host.log ?? ((line: string) => console.error(line));
  let done = false;
  const complete = () => {
    if (done) return;
    done = true;
    event.completed();
  };
  try {
    let outcome: CommandOutcome;
    try {
      outcome = await command();
    } catch (error) {
      outcome = { ok: false, message: UNEXPECTED };
      log(`${name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
    remember(name, outcome, host);
    if ((outcome.ok && !host.tellSuccess && !outcome.tell) || !host.ui) {
      complete();
      return;
    }
    showNotice(outcome.message, host, log, complete);
  } catch (error) {
    log(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    complete();
  }
}

function remember(name: string, outcome: CommandOutcome, host: RibbonHost): void {
  try {
    host.storage?.setItem(LAST_OUTCOME_KEY, JSON.stringify({ at: host.now().toISOString(), name, ok: outcome.ok, message: outcome.message }));
  } catch {
    // storage may be switched off; the dialog still shows the message
  }
}

/** Opens notice.html with the message; `onClosed` runs once the dialog is gone or could not open. */
function showNotice(message: string, host: RibbonHost, log: (line: string) => void, onClosed: () => void): void {
  const url = new URL(NOTICE_PAGE, host.pageUrl);
  url.search = '';
  url.hash = `m=${encodeURIComponent(message)}`;
  host.ui!.displayDialogAsync(url.toString(), { height: 30, width: 35, displayInIframe: true }, (result) => {
    if (result.status !== 'succeeded') {
      log(`dialog: ${result.error?.code} ${result.error?.message}`);
      onClosed();
      return;
    }
    const dialog = result.value;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      try {
        dialog.close();
      } finally {
        onClosed();
      }
    };
    // the notice page sends a message when its button is pressed; closing with × is an event
    dialog.addEventHandler('dialogMessageReceived', close);
    dialog.addEventHandler('dialogEventReceived', close);
    host.setTimer(close, DIALOG_LIMIT_MS);
  });
}
