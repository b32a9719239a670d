/**
 * The built Excel add-in (dist/addin, `npm run build:addin`) served at /addin/ beside the API:
 * the pane, its Office.js and the API share one origin, so the pane can call the API without
 * CORS and an office network needs one address and one certificate.
 */
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MosavabatError } from '../core/errors';

/** dist/addin seen from the source tree (server/) or from the compiled tree (dist/server/). */
export const DEFAULT_ADDIN_DIR = [join(__dirname, '..', 'dist', 'addin'), join(__dirname, '..', 'addin')]
  .find((dir) => existsSync(join(dir, 'taskpane.html'))) ?? join(__dirname, '..', 'dist', 'addin');

/** Office.js and the font never change within one build; pages and bundles are revalidated. */
const LONG_LIVED = /^\/(office-js|fonts)\//;

/**
 * Router for the add-in's files. A missing file is a 404 in the service's JSON error shape; when
 * the add-in was never built, the message says how to build it.
 * @param dir folder holding taskpane.html, commands.html and the rest of the build
 */
export function addinStatic(dir: string = DEFAULT_ADDIN_DIR): express.Router {
  const router = express.Router();
  // Excel on the web shows the pane in an iframe on Office's own origin: whatever framing rules the
  // rest of the service sends, these pages must be frameable over https
  router.use((_req, res, next) => {
    res.removeHeader('X-Frame-Options');
    const policy = res.getHeader('Content-Security-Policy');
    if (typeof policy === 'string') {
      const kept = policy.split(';').map((d) => d.trim()).filter((d) => d && !/^frame-ancestors\b/i.test(d));
      res.setHeader('Content-Security-Policy', [...kept, 'frame-ancestors https:'].join('; '));
    }
    next();
  });
  router.use(express.static(dir, {
    index: 'taskpane.html',
    setHeaders: (res, _path) => {
      const path = res.req.path;
      res.setHeader('Cache-Control', LONG_LIVED.test(path) ? 'public, max-age=86400' : 'no-cache');
    },
  }));
  router.use((_req, _res, next) => {
    next(existsSync(join(dir, 'taskpane.html'))
      ? new MosavabatError('no_such_addin_file', 'چنین فایلی در افزونه‌ی اکسل نیست', 'no such add-in file', 'not_found')
      : new MosavabatError('addin_not_built', 'افزونه‌ی اکسل روی این سرور ساخته نشده است؛ مدیر سرور باید «npm run build:addin» را اجرا کند',
        'the Excel add-in is not built on this server: run `npm run build:addin`', 'not_found'));
  });
  return router;
}
