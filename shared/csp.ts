/**
 * The Content-Security-Policy for the renderer: it needs nothing beyond its own files. One definition
 * for both transports (Electron's app:// protocol and the browser preview), so they cannot drift and
 * the preview's e2e tests catch any CSP mistake the packaged app would hit.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
