import helmet from 'helmet';

/**
 * helmet's headers with a CSP for a same-origin web app without inline scripts: everything from
 * our own origin, audio and images also from blob: (the player, chart exports), nothing framed.
 * No upgrade-insecure-requests: a district may serve the app over plain HTTP on its LAN, where
 * upgrading would break every asset; TLS deployments get HSTS from helmet instead.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}
