/**
 * Digit conversion between the three scripts users type: Latin (0-9), Persian (۰-۹,
 * U+06F0..U+06F9) and Arabic-Indic (٠-٩, U+0660..U+0669). Also the Arabic decimal
 * separator (٫) and thousands separator (٬).
 */

const PERSIAN_ZERO = 0x06f0;
const ARABIC_ZERO = 0x0660;
const LATIN = '0123456789';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';

/** Replace every Persian and Arabic-Indic digit with its Latin digit; other characters unchanged. */
export function toLatinDigits(text: string): string {
  // a scan without a regex or a callback per digit: dates and numbers pass here in every row
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let latin: string;
    if (code >= PERSIAN_ZERO && code <= PERSIAN_ZERO + 9) latin = LATIN[code - PERSIAN_ZERO];
    else if (code >= ARABIC_ZERO && code <= ARABIC_ZERO + 9) latin = LATIN[code - ARABIC_ZERO];
    else if (code === 0x066b) latin = '.';
    else if (code === 0x066c) latin = ',';
    else continue;
    out += text.slice(from, i) + latin;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Replace every Latin and Arabic-Indic digit with its Persian digit (for display). */
export function toPersianDigits(text: string | number): string {
  const source = String(text);
  let out = '';
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    let value: number;
    if (code >= 0x30 && code <= 0x39) value = code - 0x30;
    else if (code >= ARABIC_ZERO && code <= ARABIC_ZERO + 9) value = code - ARABIC_ZERO;
    else continue;
    out += source.slice(from, i) + PERSIAN[value];
    from = i + 1;
  }
  return from === 0 ? source : out + source.slice(from);
}

/** True when the text contains at least one digit of any of the three scripts. */
export function hasDigit(text: string): boolean {
  return /[0-9\u06f0-\u06f9\u0660-\u0669]/.test(text);
}
