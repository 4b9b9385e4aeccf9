import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export interface WebAsset {
  /** Path the asset is served at, with its content hash, e.g. `/assets/app-3FQ2K7.js`. */
  url: string;
  contentType: string;
  body: Buffer;
}

export interface WebBundle {
  script: WebAsset;
  style: WebAsset;
  /** Every asset by its URL. */
  byUrl: ReadonlyMap<string, WebAsset>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Where the browser sources live: beside this file when run from the sources (tsx), or back in the
 * source tree when run from dist/, since tsc does not (and must not) compile the browser code.
 */
export function webSourceDir(): string {
  const beside = path.join(__dirname, 'src');
  if (existsSync(path.join(beside, 'main.ts'))) return beside;
  return path.resolve(__dirname, '..', '..', '..', 'server', 'web', 'src');
}

/**
 * Bundles the admin UI in memory with esbuild. Hashed file names let browsers keep the assets for a
 * year while a new server version is picked up at once through the (uncached) index page.
 */
export async function bundleWeb(sourceDir: string, options: { minify: boolean }): Promise<WebBundle> {
  const entry = path.join(sourceDir, 'main.ts');
  if (!existsSync(entry)) throw new Error(`admin UI sources not found: ${entry} does not exist`);
  const result = await build({
    entryPoints: { app: entry, style: path.join(sourceDir, 'styles.css') },
    bundle: true,
    write: false,
    outdir: '/assets',
    entryNames: '[name]-[hash]',
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: options.minify,
    sourcemap: false,
    logLevel: 'silent',
    tsconfig: path.join(sourceDir, 'tsconfig.json'),
  });
  const byUrl = new Map<string, WebAsset>();
  for (const file of result.outputFiles) {
    const url = `/assets/${path.basename(file.path)}`;
    const contentType = CONTENT_TYPES[path.extname(file.path)];
    if (!contentType) throw new Error(`esbuild produced an unexpected file ${file.path}`);
    byUrl.set(url, { url, contentType, body: Buffer.from(file.contents) });
  }
  const find = (prefix: string, ext: string) => {
    const asset = [...byUrl.values()].find(
      (a) => a.url.startsWith(`/assets/${prefix}-`) && a.url.endsWith(ext),
    );
    if (!asset)
      throw new Error(`esbuild output has no ${prefix}${ext} (got ${[...byUrl.keys()].join(', ')})`);
    return asset;
  };
  return { script: find('app', '.js'), style: find('style', '.css'), byUrl };
}
