/**
 * Who is calling: `Authorization: Bearer <token>`. A secretariat token may do everything; an
 * agency token only what concerns its own agency (its return workbook, its rows). No token or
 * an unknown one is 401, a known token asking for what it may not is 403. Failed attempts are
 * counted per client address and refused for a while once there are too many.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MosavabatError } from '../../core/errors';
import { comparisonKey } from '../../core/text/normalize';
import type { RateLimiter } from './rateLimit';

/** The holder of a valid token. */
export type Principal =
  | { role: 'secretariat'; tokenId: string; label: string }
  | { role: 'agency'; tokenId: string; label: string; agency: string };

/** Finds who holds a token (hashing and the constant-time comparison are the store's). */
export interface TokenVerifier {
  /** The holder of a token this process found valid, while no token has been made or revoked since; else undefined. */
  remembered(token: string): Promise<Principal | undefined>;
  /** Asks the store; null for no live token. */
  verify(token: string): Promise<Principal | null>;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

const BEARER = /^Bearer[ \t]+([\w.~+/-]{8,200}=*)[ \t]*$/;

/** The token in an `Authorization: Bearer <token>` header; undefined for none or another form. */
export function bearerToken(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header)?.[1] : undefined;
}

export function unauthorized(): MosavabatError {
  return new MosavabatError('unauthorized', 'برای این کار باید با کلید دسترسی (توکن) معتبر وارد شوید',
    'a valid token is required (Authorization: Bearer <token>)', 'unauthorized');
}

export function forbidden(fa = 'کلید دسترسی شما اجازهٔ این کار را ندارد', en = 'this token is not allowed to do that'): MosavabatError {
  return new MosavabatError('forbidden', fa, en, 'forbidden');
}

/**
 * The middleware that sets `req.principal` or answers 401. Failed attempts count against
 * `failures` by client address; while it refuses, even a right token gets 429 (so guessing
 * does not pay). A token this process already found valid is no guess: it is let through
 * without asking the counters (which, shared by several instances, live in the database).
 */
export function authenticate(verifier: TokenVerifier, failures: RateLimiter): RequestHandler {
  const check = async (req: Request): Promise<Principal> => {
    const header = req.get('authorization');
    const token = bearerToken(header);
    const known = token === undefined ? undefined : await verifier.remembered(token);
    if (known) return known;
    const ip = req.ip ?? 'unknown';
    if (await failures.blocked(ip)) {
      throw new MosavabatError('too_many_failures', 'تلاش‌های ناموفق ورود زیاد بوده است؛ چند دقیقهٔ دیگر دوباره تلاش کنید',
        'too many failed logins from this address; try again in a few minutes', 'rate_limited');
    }
    const principal = token === undefined ? null : await verifier.verify(token);
    if (!principal) {
      if (header) await failures.hit(ip);
      throw unauthorized();
    }
    return principal;
  };
  return (req: Request, _res: Response, next: NextFunction) => {
    check(req).then((principal) => {
      req.principal = principal;
      next();
    }, next);
  };
}

/** The caller, who must have been authenticated. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw unauthorized();
  return req.principal;
}

/** Only secretariat tokens. */
export const secretariatOnly: RequestHandler = (req, _res, next) => {
  const who = req.principal;
  if (!who) next(unauthorized());
  else if (who.role !== 'secretariat') next(forbidden('این کار فقط با کلید دسترسی دبیرخانه ممکن است', 'secretariat token required'));
  else next();
};

/**
 * Whether the caller may act for `agency` (any spelling; `sameAgency` adds the register's
 * aliases). Secretariat: always.
 */
export function mayActFor(who: Principal, agency: string, sameAgency: (a: string, b: string) => boolean = defaultSame): boolean {
  return who.role === 'secretariat' || sameAgency(who.agency, agency);
}

function defaultSame(a: string, b: string): boolean {
  return comparisonKey(a) === comparisonKey(b);
}
