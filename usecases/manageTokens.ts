/**
 * Use case: the service's access tokens as the secretariat manages them (`mosavabat token …`):
 * one per agency, any number for the secretariat.
 */
import { MosavabatError } from '../core/errors';
import { AgencyDirectory } from '../core/agency';
import { comparisonKey } from '../core/text/normalize';
import type { RegisterStore, TokenInput, TokenRecord } from './registerStore';

export interface AddedToken {
  token: TokenRecord;
  /** The token itself: shown once, never stored. */
  secret: string;
  /** Set when the agency is not in the directory nor on any row: a typo, most likely. */
  unknownAgency?: { fa: string; en: string };
}

/**
 * Make a token. An agency given by an alias or another spelling of a directory entry gets the
 * entry's name, so the token matches however the rows spell it.
 * @throws MosavabatError `agency_missing` for an agency token without a name
 */
export async function addToken(store: RegisterStore, input: TokenInput, at: Date): Promise<AddedToken> {
  if (input.role === 'secretariat') return store.createToken({ role: 'secretariat', label: input.label }, at.toISOString());
  const name = (input.agency ?? '').trim();
  if (comparisonKey(name) === '') {
    throw new MosavabatError('agency_missing', 'نام دستگاه را بدهید', 'give the agency\'s name');
  }
  const directory = AgencyDirectory.from(await store.listAgencies());
  const agency = directory.find(name)?.name ?? name;
  const made = await store.createToken({ role: 'agency', agency, label: input.label }, at.toISOString());
  if (directory.find(name)) return made;
  const rows = await store.listAssignments({ agencyKey: comparisonKey(agency) });
  if (rows.length > 0) return made;
  const closest = directory.closest(name);
  return {
    ...made,
    unknownAgency: {
      fa: `دستگاه «${agency}» نه در فهرست دستگاه‌ها هست و نه ردیفی در دفتر دارد${closest ? `؛ شاید منظور «${closest}» بود` : ''}`,
      en: `the agency "${agency}" is neither in the directory nor on any row${closest ? `; did you mean "${closest}"?` : ''}`,
    },
  };
}

/**
 * Revoke a token by its id.
 * @throws MosavabatError `no_such_token` (not_found) when no live token has this id
 */
export async function revokeToken(store: RegisterStore, id: string, at: Date): Promise<void> {
  if (await store.revokeToken(id.trim(), at.toISOString())) return;
  throw new MosavabatError('no_such_token', `توکنی با شناسهٔ «${id}» نیست یا پیش‌تر باطل شده است`, `no live token has the id "${id}"`, 'not_found');
}
