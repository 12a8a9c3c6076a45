import type { SimResponse } from '../core';

const TITLES: Record<number, string> = {
  401: '401 Authorization Required',
  404: '404 Not Found',
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

/** nginx's own error page, as the web server in front of rtorrent's SCGI socket sends it. */
export function nginxPage(status: number, headers: Record<string, string> = {}): SimResponse {
  const title = TITLES[status] ?? `${status} Error`;
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n`;
  return { status, headers: { 'Content-Type': 'text/html', Server: 'nginx/1.22.1', ...headers }, body };
}
