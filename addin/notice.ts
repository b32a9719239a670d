/**
 * The dialog a ribbon button opens when it could not do its work: shows the Persian message
 * from the page's hash (`#m=…`, put there by ribbon.ts) and tells the button's page when the
 * user closes it.
 */
declare const Office: {
  onReady(): Promise<unknown>;
  context?: { ui?: { messageParent(message: string): void } };
};

/** The message in a hash like `#m=%D8%A7…`; a fixed sentence when it is missing or broken. */
export function noticeMessage(hash: string): string {
  try {
    const message = new URLSearchParams(hash.replace(/^#/, '')).get('m');
    if (message) return message;
  } catch {
    // fall through
  }
  return 'فرمان انجام نشد؛ پنجره‌ی مصوبات را باز کنید تا جزئیات را ببینید.';
}

const text = document.getElementById('message');
const button = document.getElementById('close');
if (text) text.textContent = noticeMessage(window.location.hash);
void Office.onReady().then(() => {
  const close = () => Office.context?.ui?.messageParent('close');
  button?.addEventListener('click', close);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' || event.key === 'Enter') close();
  });
  button?.focus();
});
