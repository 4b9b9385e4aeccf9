/**
 * The single page of the admin UI. Nothing inline (the CSP allows scripts from 'self' only); the
 * noscript text is the one thing a person sees before the script runs.
 */
/** The app's icon inline (a data: URI the CSP allows for images), so no page load asks for /favicon.ico. */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5cad"/>' +
    '<path d="M10 7c1 0 2 1 3 4l-2 2c1 3 3 5 6 6l2-2c3 1 4 2 4 3s-2 5-5 4C11 23 8 15 7 11c-1-3 2-4 3-4z" fill="#fff"/></svg>',
)}`;

export function indexPage(assets: { scriptUrl: string; styleUrl: string }): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Đường dây nóng Chủ tịch</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${assets.styleUrl}">
<script defer src="${assets.scriptUrl}"></script>
</head>
<body>
<noscript>Trang quản trị cần bật JavaScript. / The admin pages need JavaScript.</noscript>
<div id="app"></div>
</body>
</html>
`;
}
