/** `mosavabat manifest --url https://server:port [-o file.xml]`: the add-in manifest for a real server. */
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { writeManifestForServer } from '../../usecases/deploymentManifest';

interface ManifestOptions {
  url: string;
  output?: string;
}

/** Add `manifest` to the program. */
export function registerManifest(program: Command, io: CliIO): void {
  program
    .command('manifest')
    .description('مانیفست افزونه‌ی اکسل برای نشانی سرور — the Excel add-in manifest for a server\'s address')
    .requiredOption('--url <address>', 'نشانی HTTPS سرور، مانند https://server:8443 — the server\'s HTTPS address')
    .option('-o, --output <file>', 'فایل مانیفست (xml)؛ بی آن در خروجی چاپ می‌شود — the manifest file to write (default: print it)')
    .action(async (options: ManifestOptions) => {
      const { manifest, base } = await writeManifestForServer(options.url, options.output);
      if (!options.output) {
        io.out(manifest);
        return;
      }
      io.out([
        `مانیفست افزونه برای ${base}/addin/ در «${options.output}» نوشته شد.`,
        'آن را در پوشه‌ی اشتراکی کاتالوگ افزونه‌ها بگذارید یا در اکسل بارگذاری کنید (راهنما: README، بخش افزونه‌ی اکسل).',
      ].join('\n'));
    });
}
