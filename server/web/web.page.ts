/**
 * The single page of the admin UI. Nothing inline (the CSP allows scripts from 'self' only); the
 * noscript text is the one thing a person sees before the script runs.
 */
export function indexPage(assets: { scriptUrl: string; styleUrl: string }): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Đường dây nóng Chủ tịch</title>
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
