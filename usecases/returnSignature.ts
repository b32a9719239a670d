/**
 * The one check of a return's signature, for `mosavabat merge` and for the service's uploads
 * alike: the same file judged against the same key gets the same verdict and the same Persian
 * reason wherever it is merged.
 */
import { failedReport, type FileReport, type MergeNote } from '../core/merge';
import type { ReturnFileData } from '../adapters/xlsx/returns/readReturn';
import { signatureVerdict, type SigningKey } from '../adapters/xlsx/returns/signature';

/** The note on a return made before returns were signed: merged as before, without the check. */
export const UNSIGNED_NOTE: MergeNote = {
  code: 'return_unsigned', id: '', cell: '',
  fa: 'این فایل پیش از امضای فایل‌های دستگاه‌ها ساخته شده است (یا دفتر کلید امضا ندارد)؛ مانند گذشته ادغام شد، بی‌آنکه درستی مشخصات پنهانش سنجیده شود',
  en: 'this file was made before returns were signed (or the register has no signing key); merged as before, without checking its hidden description',
};

/** Why a file is refused whole, by verdict. */
const REFUSALS: Record<'forged' | 'other_register', { code: string; fa: string; en: string }> = {
  forged: {
    code: 'return_signature_invalid',
    fa: 'مشخصات پنهان این فایل (دستگاه، شناسه‌ها یا مقادیر پایهٔ ردیف‌ها) پس از ساخته شدن تغییر کرده است و با امضای آن نمی‌خواند؛ فایل پذیرفته نشد. از دستگاه بخواهید همان فایلی را که برایش فرستاده شد پر کند، یا برایش فایل تازه بسازید',
    en: 'the hidden description of this file (agency, row ids or base values) was changed after it was made and no longer matches its signature; the file is refused',
  },
  other_register: {
    code: 'return_other_register',
    fa: 'این فایل از دفتر یا سامانهٔ دیگری ساخته و امضا شده است، نه از این دفتر؛ ردیف‌هایش اینجا ادغام نشد. فایل دستگاه را از همین دفتر (یا همین سامانه) دوباره بگیرید و پر کنید',
    en: 'this file was made and signed by another register or service, not this one; nothing was merged. Make the agency\'s file from this register (or this service) and fill that in',
  },
};

/** What the signature check decided: refuse the file with this report, or merge it (with a note when it is unsigned). */
export type SignatureCheck = { refused: FileReport } | { refused?: undefined; note?: MergeNote };

/**
 * Check a read return file's signature against the key of the register or store it is merged
 * into. A file whose signed hidden sheets were edited (agency, ids, base values), or whose
 * signature was removed, is refused (`return_signature_invalid`); one signed by another
 * register or service is refused saying so (`return_other_register`); one made before the key
 * existed merges with UNSIGNED_NOTE; one the tool did not make (no description sheet) is not
 * judged here (the merge decides whose it is).
 * @param file the name the report shows
 * @param registerRevision the register's revision now, for a refused report
 */
export function checkReturnSignature(data: ReturnFileData, key: SigningKey | undefined, file: string, registerRevision: number): SignatureCheck {
  const verdict = signatureVerdict(data.signed, data.madeAt, key);
  if (verdict === 'unsigned') return { note: UNSIGNED_NOTE };
  if (verdict === 'valid' || verdict === 'not_a_return') return {};
  const { code, fa, en } = REFUSALS[verdict];
  return { refused: failedReport(file, data.agency ?? '', code, fa, en, registerRevision) };
}
