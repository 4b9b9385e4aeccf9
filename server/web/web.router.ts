import { type NextFunction, type Request, type Response, Router } from 'express';
import { bundleWeb, type WebBundle, webSourceDir } from './web.bundle';
import { indexPage } from './web.page';

export interface WebRouterOptions {
  /** Defaults to the sources next to this module (or in the source tree when run from dist/). */
  sourceDir?: string;
  minify?: boolean;
}

/**
 * The admin UI: one HTML page and its bundled script and style. The bundle is built on the first
 * request and kept, so API-only uses of the app (most tests) never pay for esbuild.
 */
export function webRouter(options: WebRouterOptions = {}): Router {
  const router = Router();
  let bundle: Promise<WebBundle> | undefined;
  const load = () => {
    bundle ??= bundleWeb(options.sourceDir ?? webSourceDir(), {
      minify: options.minify ?? process.env.NODE_ENV === 'production',
    });
    return bundle;
  };

  router.get('/', async (_req: Request, res: Response) => {
    const { script, style } = await load();
    res.set('Cache-Control', 'no-cache');
    res.type('html').send(indexPage({ scriptUrl: script.url, styleUrl: style.url }));
  });

  router.get('/assets/:file', async (req: Request, res: Response, next: NextFunction) => {
    const asset = (await load()).byUrl.get(`/assets/${req.params.file}`);
    if (!asset) return next();
    res.set('Cache-Control', 'public, max-age=31536000, immutable');
    res.type(asset.contentType).send(asset.body);
  });

  return router;
}
