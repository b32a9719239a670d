/**
 * The parts of a return workbook that only the tool reads: a very hidden sheet with what the
 * file is (which agency, which register revision, when), and one with each row's revision and
 * the values it had at export. Excel's interface cannot show a very hidden sheet, so an agency
 * does not stumble on them; the merge uses them to tell an agency's edit from a stale value.
 */

/** Very hidden sheet of key/value pairs describing the file. */
export const META_SHEET = 'mosavabat_return';
/** Very hidden sheet: `id`, `revision`, then one column per agency/locked field at export. */
export const BASE_SHEET = 'mosavabat_base';
/** Sheet with the Persian instructions for the agency. */
export const GUIDE_SHEET = 'راهنما';

/** `format` value in the META_SHEET; anything else is not a return workbook. */
export const RETURN_FORMAT = 'mosavabat-return';
/** Version of this layout, written so a later tool can read older files. */
export const RETURN_VERSION = 1;

/** Keys of the META_SHEET (column A), values in column B. */
export type MetaKey = 'format' | 'version' | 'agency' | 'registerRevision' | 'registerFile' | 'madeAt' | 'sheet' | 'rows' | 'signedBy' | 'signature';
