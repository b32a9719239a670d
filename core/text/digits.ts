/**
 * Digit conversion between the three scripts users type: Latin (0-9), Persian (۰-۹,
 * U+06F0..U+06F9) and Arabic-Indic (٠-٩, U+0660..U+0669). Also the Arabic decimal
 * separator (٫) and thousands separator (٬).
 */

const PERSIAN_ZERO = 0x06f0;
const ARABIC_ZERO = 0x0660;

/** Replace every Persian and Arabic-Indic digit with its Latin digit; other characters unchanged. */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669\u066b\u066c]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x066b) return '.';
    if (code === 0x066c) return ',';
    return String(code >= PERSIAN_ZERO ? code - PERSIAN_ZERO : code - ARABIC_ZERO);
  });
}

/** Replace every Latin and Arabic-Indic digit with its Persian digit (for display). */
export function toPersianDigits(text: string | number): string {
  return String(text).replace(/[0-9\u0660-\u0669]/g, (ch) => {
    const code = ch.charCodeAt(0);
    const value = code >= ARABIC_ZERO ? code - ARABIC_ZERO : code - 48;
    return String.fromCharCode(PERSIAN_ZERO + value);
  });
}

/** True when the text contains at least one digit of any of the three scripts. */
export function hasDigit(text: string): boolean {
  return /[0-9\u06f0-\u06f9\u0660-\u0669]/.test(text);
}
