/**
 * The add-in manifest for a real server. manifest.xml (top level) is the development manifest,
 * every URL under https://localhost:3000/addin/; a secretariat's server serves the same files at
 * `<its address>/addin/` (`npm start`), so the deployment manifest is the same document with that
 * address in every URL. The <Id> stays the same: Excel keys the add-in's settings in a workbook
 * by it, so a workbook keeps them when it moves between a test and a real server.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MosavabatError } from '../core/errors';
import { writeFileAtomic } from '../adapters/files/atomicFile';

/** The origin every URL of the development manifest is under. */
export const DEVELOPMENT_ORIGIN = 'https://localhost:3000';

/** manifest.xml from the source tree (usecases/) or the compiled tree (dist/usecases/). */
export const DEVELOPMENT_MANIFEST = [join(__dirname, '..', 'manifest.xml'), join(__dirname, '..', '..', 'manifest.xml')]
  .find((path) => existsSync(path)) ?? join(__dirname, '..', 'manifest.xml');

/** A server's address: `origin` for AppDomain, `base` (origin and any path prefix, no trailing slash) for pages. */
export interface ServerAddress {
  origin: string;
  base: string;
}

/**
 * Checks the address a secretariat's server answers on: an https origin, optionally with a path
 * prefix when a reverse proxy serves mosavabat below one (`https://intranet.example/mosavabat`).
 * @throws MosavabatError `bad_addin_url` for anything else, with the reason in Persian and English
 */
export function parseServerAddress(raw: string): ServerAddress {
  const refuse = (fa: string, en: string) => new MosavabatError('bad_addin_url', `نشانی «${raw}» پذیرفته نیست: ${fa}`, `the address "${raw}" is refused: ${en}`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refuse('نشانی کامل سرور را مانند https://server:8443 بدهید', 'give the server\'s full address, like https://server:8443');
  }
  if (url.protocol !== 'https:') {
    throw refuse('باید با https:// آغاز شود؛ اکسل افزونه را فقط از HTTPS و با گواهی مورد اعتماد رایانه بار می‌کند',
      'it must start with https://: Office loads add-ins only over HTTPS, from a certificate the computer trusts');
  }
  if (url.username || url.password) throw refuse('نام کاربری و گذرواژه در نشانی جایی ندارد', 'it must not carry a user name or password');
  if (url.search || url.hash) throw refuse('بخش ? یا # نباید داشته باشد', 'it must not have a ? query or # fragment');
  return { origin: url.origin, base: url.origin + url.pathname.replace(/\/+$/, '') };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The development manifest with every URL moved to `server`.
 * @param manifest the text of manifest.xml
 * @param server   from parseServerAddress
 * @throws MosavabatError `manifest_not_development` when `manifest` has no development URLs
 */
export function manifestForServer(manifest: string, server: ServerAddress): string {
  if (!manifest.includes(`${DEVELOPMENT_ORIGIN}/`)) {
    throw new MosavabatError('manifest_not_development', `مانیفست پایه نشانی‌های ${DEVELOPMENT_ORIGIN} را ندارد`,
      `the base manifest has no ${DEVELOPMENT_ORIGIN} URLs`, 'internal');
  }
  const { base } = server;
  const header = `<!--\n  mosavabat Excel add-in for the server at ${escapeXml(base).replace(/--/g, '- -')}: written by «mosavabat manifest»\n  from the development manifest; every URL is on that server, the <Id> is the same.\n-->`;
  return manifest
    .replace(/<!--[\s\S]*?-->/, header)
    // page and icon URLs keep their path under the server's address; AppDomain is the bare origin
    .replace(new RegExp(`${DEVELOPMENT_ORIGIN.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?=/)`, 'g'), escapeXml(base))
    .split(DEVELOPMENT_ORIGIN).join(escapeXml(server.origin));
}

/**
 * Writes the manifest for the server at `address` to `output` (replacing it atomically), or
 * returns it when `output` is not given.
 * @returns the manifest text and the server address it points at
 * @throws MosavabatError `bad_addin_url`, or `write_failed` naming the file
 */
export async function writeManifestForServer(address: string, output?: string): Promise<{ manifest: string; base: string }> {
  const server = parseServerAddress(address);
  const manifest = manifestForServer(readFileSync(DEVELOPMENT_MANIFEST, 'utf8'), server);
  if (output) await writeFileAtomic(output, Buffer.from(manifest, 'utf8'));
  return { manifest, base: server.base };
}
