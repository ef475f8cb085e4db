import { extname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/*
 * The security decisions of the Electron shell as plain functions. They import nothing from
 * 'electron', so the unit tests prove them in plain Node; the Electron glue only wires them up.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'doorway';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for URLs on exactly `app://doorway`. Compared part by part, because Node reports the
 * origin of a custom scheme as "null" while Chromium, which registered it, reports "app://doorway".
 */
export function isAppUrl(url: string): boolean {
  const u = parseUrl(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** An IPC sender is trusted only when it is the window's main frame showing the app's own origin. */
export function isTrustedSender(sender: { url: string; isMainFrame: boolean }): boolean {
  return sender.isMainFrame && isAppUrl(sender.url);
}

/** The window may move between the app's own pages, and nowhere else. */
export const isNavigationAllowed = (url: string): boolean => isAppUrl(url);

/**
 * A download is allowed only for a file the page made itself (a blob on the app's own origin), such
 * as the recovery kit; nothing from anywhere else is ever saved.
 */
export function isAppBlobUrl(url: string): boolean {
  return url.startsWith('blob:') && isAppUrl(url.slice('blob:'.length));
}

export type ExternalLinkDecision = { kind: 'open-in-browser'; url: string } | { kind: 'deny' };

/**
 * A link that asks for a new window opens in the person's own browser when it is an ordinary web
 * address; anything else (file:, javascript:, custom schemes, addresses with embedded credentials)
 * opens nothing, because handing it to the operating system could start another program.
 */
export function externalLinkDecision(url: string): ExternalLinkDecision {
  const u = parseUrl(url);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) return { kind: 'deny' };
  if (u.username !== '' || u.password !== '' || u.hostname === '') return { kind: 'deny' };
  return { kind: 'open-in-browser', url: u.href };
}

/** Sent with every app:// response (defined in shared/ so the browser preview sends the same). */
export { CONTENT_SECURITY_POLICY };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every app:// response. `nosniff` keeps Chromium from second-guessing the type above. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

export type AppRequestResolution =
  | { kind: 'file'; filePath: string; contentType: string }
  | { kind: 'not-found' }
  | { kind: 'forbidden' };

/**
 * Maps an app:// request to a file inside `rootDir`. Anything that would leave the folder (`..`,
 * encoded separators, backslashes, NUL) is forbidden. A path without a file extension is a screen
 * of the single-page app and gets index.html; a missing asset is a plain 404 so that a broken build
 * shows up as an error instead of as HTML parsed as script.
 */
export function resolveAppRequest(requestUrl: string, rootDir: string, isFile: (path: string) => boolean): AppRequestResolution {
  if (!isAppUrl(requestUrl)) return { kind: 'forbidden' };
  const url = new URL(requestUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'not-found' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden' };

  const root = resolve(rootDir);
  const target = resolve(root, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  const inside = relative(root, target);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return { kind: 'forbidden' };

  const index = join(root, 'index.html');
  const asFile = (filePath: string): AppRequestResolution => ({ kind: 'file', filePath, contentType: contentTypeFor(filePath) });
  if (inside !== '' && isFile(target)) return asFile(target);
  if ((inside === '' || extname(target) === '') && isFile(index)) return asFile(index);
  return { kind: 'not-found' };
}

/**
 * Where the app's copy of the database driver lives: the same name scripts/ensure-electron-driver.mjs
 * writes. The driver is a Node-API addon, so one build per platform serves every Electron version.
 */
export function driverFolder(platform: string, arch: string): string {
  return `node-api-${platform}-${arch}`;
}

export interface DriverLocation {
  isPackaged: boolean;
  /** process.resourcesPath: the packaged app keeps the driver outside the asar archive. */
  resourcesPath: string;
  /** The project folder in development (where .electron-native is); unused when packaged. */
  projectDir: string;
  platform: string;
  arch: string;
}

export function nativeDriverPath(loc: DriverLocation): string {
  return loc.isPackaged
    ? join(loc.resourcesPath, 'native', 'better_sqlite3.node')
    : join(loc.projectDir, '.electron-native', driverFolder(loc.platform, loc.arch), 'better_sqlite3.node');
}

/**
 * Command-line switches a packaged Doorway ignores. Each is for development and testing only, and in
 * an installed app each is a way round its protections: a debugging port lets any local program drive
 * the open window (and the records shown in it); another data or profile folder can point the app at
 * records, or a profile, someone else prepared.
 */
export const DEVELOPMENT_ONLY_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'data-dir',
  'user-data-dir',
] as const;

/** Switches among these that take their value as the next argument too (`--data-dir DIR`); see core/paths.ts. */
const VALUE_AS_NEXT_ARGUMENT = new Set<string>(['data-dir']);

export interface LaunchArguments {
  /** process.argv without the ignored switches (and their values), for reading the data folder. */
  argv: string[];
  /** Switch names to remove from Chromium's own command line, before it acts on them. */
  ignored: string[];
  /** Which of them this launch was actually given (to undo what Electron did with one before our code ran). */
  given: string[];
}

/**
 * What a launch honours of its command line. In development (and the end-to-end tests) everything;
 * in a packaged build, none of DEVELOPMENT_ONLY_SWITCHES, in any spelling Chromium or Doorway
 * accepts (`--x`, `--x=v`, `-x=v`, `--x v` for the data folder, any case).
 */
export function launchArguments(argv: readonly string[], isPackaged: boolean): LaunchArguments {
  if (!isPackaged) return { argv: [...argv], ignored: [], given: [] };
  const kept: string[] = [];
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--?([^=]+)(=.*)?$/s.exec(arg);
    const name = match?.[1]?.toLowerCase();
    const known = DEVELOPMENT_ONLY_SWITCHES.find((s) => s === name);
    if (!known) {
      kept.push(arg);
      continue;
    }
    given.add(known);
    if (match?.[2] === undefined && VALUE_AS_NEXT_ARGUMENT.has(known) && i + 1 < argv.length) i++;
  }
  // Chromium may have a switch from elsewhere than argv (a shortcut's arguments are argv; the
  // environment is not): removing all of them costs nothing.
  return { argv: kept, ignored: [...DEVELOPMENT_ONLY_SWITCHES], given: [...given] };
}
