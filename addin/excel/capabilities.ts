/// <reference types="office-js" />
/**
 * What this Excel can do, from Office's requirement sets, and what to tell the user about what
 * it cannot. Without Office (the pane opened in a browser) nothing is supported.
 */

/** Whether ExcelApi `version` (e.g. '1.9') is available here. */
export function canUse(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

/** The one click that makes a sheet right-to-left in Excel (Persian, naming the English menu too): Office.js cannot. */
export const RTL_CLICK_FA = 'برای راست‌به‌چپ کردن برگه: زبانه‌ی Page Layout (طرح‌بندی صفحه) ← دکمه‌ی Sheet Right-to-Left (برگه از راست به چپ).';

/** Each feature, the ExcelApi version it needs and the Persian line shown when it is missing. */
export const FEATURES = [
  { key: 'read', version: '1.4', fa: 'این نسخه‌ی اکسل (پیش از ۲۰۱۶ با به‌روزرسانی‌ها) افزونه‌ها را برای خواندن دفتر پشتیبانی نمی‌کند.' },
  { key: 'rules', version: '1.6', fa: 'قالب‌بندی شرطی در دسترس نیست: رنگ‌ها ثابت نوشته می‌شوند و فردا خودبه‌خود به‌روز نمی‌شوند؛ هر روز «رنگ‌آمیزی» را بزنید.' },
  { key: 'events', version: '1.7', fa: 'رنگ‌آمیزی خودکار پس از ویرایش در این اکسل کار نمی‌کند؛ پس از تغییرها «رنگ‌آمیزی» را بزنید.' },
  { key: 'validation', version: '1.8', fa: 'فهرست کشویی وضعیت و محدودیت درصد در دفتر تازه گذاشته نمی‌شود.' },
  { key: 'grouped', version: '1.9', fa: 'رنگ‌های ثابت ردیف‌به‌ردیف گروه نمی‌شوند و در دفترهای بزرگ کندتر است؛ صفحه‌بندی A4 خلاصه هم تنظیم نمی‌شود.' },
  { key: 'rtlSheet', version: '1.13', fa: 'برگه‌هایی که افزونه می‌سازد (دفتر تازه، «خلاصه»، «مهلت گذشته»، «راهنما»، «تنظیمات») چپ‌به‌راست ساخته می‌شوند: در هر کدام از زبانه‌ی Page Layout (طرح‌بندی صفحه) دکمه‌ی Sheet Right-to-Left (برگه از راست به چپ) را بزنید.' },
] as const;

export type FeatureKey = typeof FEATURES[number]['key'];

/** The Persian lines for every feature this Excel lacks (empty when it has them all). */
export function missingFeatures(): string[] {
  return FEATURES.filter((f) => !canUse(f.version)).map((f) => f.fa);
}
