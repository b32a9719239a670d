/**
 * Security headers on every response: a Content-Security-Policy that lets the pages load only
 * their own scripts, styles, fonts and images (no inline script), no sniffing, no framing, no
 * referrer. The add-in's files (under /addin/) are framed by Excel on the web, so they keep
 * everything but the framing ban. The API answers other origins (the add-in may be served from
 * elsewhere); tokens travel in a header, never in cookies, so that opens nothing.
 */
import type { RequestHandler } from 'express';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const EVERYWHERE: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};
const UNFRAMED: Readonly<Record<string, string>> = { ...EVERYWHERE, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' };
/** The headers of every API answer. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  ...UNFRAMED,
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-Match',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, OPTIONS',
  'Access-Control-Expose-Headers': 'ETag, Content-Disposition, Link',
  'Access-Control-Max-Age': '600',
  'Cache-Control': 'no-store',
};

/** The security headers of an answer at `path`. */
export function headersFor(path: string): Readonly<Record<string, string>> {
  return path.startsWith('/api/') ? API_HEADERS : path.startsWith('/addin/') ? EVERYWHERE : UNFRAMED;
}

export const securityHeaders: RequestHandler = (req, res, next) => {
  res.set(headersFor(req.path));
  if (req.method === 'OPTIONS' && req.path.startsWith('/api/')) {
    res.status(204).end();
    return;
  }
  next();
};
