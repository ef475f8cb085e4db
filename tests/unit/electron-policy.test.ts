import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  externalLinkDecision,
  isAppBlobUrl,
  isAppUrl,
  isNavigationAllowed,
  isTrustedSender,
  launchArguments,
  responseHeaders,
} from '../../electron/main/policy';
import { resolveDataDir } from '../../electron/core/paths';

describe('isAppUrl', () => {
  it.each(['app://doorway/', 'app://doorway/people/42', 'app://doorway/assets/index-abc.js?x=1#top', 'app://doorway'])(
    'accepts the app origin: %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'app://doorway.evil/',
    'app://evil/',
    'app://doorway:8080/',
    'app://user@doorway/',
    'app://user:pw@doorway/',
    'https://doorway/',
    'http://localhost/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses anything else: %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('isTrustedSender', () => {
  it('trusts only the main frame on the app origin', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://doorway/settings', isMainFrame: true })).toBe(true);
  });

  it('refuses a subframe even on the app origin', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
  });

  it('refuses the main frame once it shows another origin', () => {
    expect(isTrustedSender({ url: 'https://example.org/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: '', isMainFrame: true })).toBe(false);
  });
});

describe('navigation', () => {
  it('stays inside the app', () => {
    expect(isNavigationAllowed('app://doorway/sign-in')).toBe(true);
    expect(isNavigationAllowed('https://example.org/')).toBe(false);
    expect(isNavigationAllowed('file:///home/someone/notes.html')).toBe(false);
  });
});

describe('isAppBlobUrl', () => {
  it('allows files the page made itself', () => {
    expect(isAppBlobUrl('blob:app://doorway/6f1c1d2e-8c0a-4c52-9a43-2b1f6b0c9e11')).toBe(true);
  });

  it.each(['blob:https://example.org/6f1c', 'blob:app://evil/6f1c', 'https://example.org/kit.txt', 'app://doorway/kit.txt', 'blob:'])(
    'refuses %s',
    (url) => expect(isAppBlobUrl(url)).toBe(false),
  );
});

describe('externalLinkDecision', () => {
  it('opens ordinary web addresses in the system browser, normalised', () => {
    expect(externalLinkDecision('https://nida.nih.gov/words-matter')).toEqual({
      kind: 'open-in-browser',
      url: 'https://nida.nih.gov/words-matter',
    });
    expect(externalLinkDecision('HTTP://Example.ORG')).toEqual({ kind: 'open-in-browser', url: 'http://example.org/' });
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://doorway/',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'mailto:someone@example.org',
    'https://user:secret@example.org/',
    'https://user@example.org/',
    'not a url',
  ])('opens nothing for %s', (url) => expect(externalLinkDecision(url)).toEqual({ kind: 'deny' }));
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );

  it('is exactly the strict policy the renderer is built for', () => {
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data: blob:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
  });

  it('never allows inline or evaluated script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*/);
  });

  it('goes out with every response, with nosniff', () => {
    const headers = responseHeaders('text/css; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Type']).toBe('text/css; charset=utf-8');
  });
});

describe('launchArguments', () => {
  const argv = ['/opt/Doorway/doorway', '--data-dir', '/tmp/other', '--remote-debugging-port=9222', '--user-data-dir=/tmp/profile', '--lang=en'];

  it('honours every switch in development and in the tests', () => {
    expect(launchArguments(argv, false)).toEqual({ argv, ignored: [], given: [] });
  });

  it('a packaged build drops the debugging port, the data folder and the profile folder', () => {
    const launch = launchArguments(argv, true);
    expect(launch.argv).toEqual(['/opt/Doorway/doorway', '--lang=en']);
    expect(launch.given.sort()).toEqual(['data-dir', 'remote-debugging-port', 'user-data-dir']);
    expect(launch.ignored).toEqual(expect.arrayContaining(['remote-debugging-port', 'remote-debugging-pipe', 'data-dir', 'user-data-dir']));
  });

  it.each([
    [['app', '--data-dir=/tmp/x']],
    [['app', '--DATA-DIR', '/tmp/x']],
    [['app', '-remote-debugging-port=9222']],
    [['app', '--remote-debugging-pipe']],
    [['app', '--Remote-Debugging-Port=0']],
    [['app', '--user-data-dir=/tmp/p']],
  ])('a packaged build ignores %j in any spelling', (given) => {
    const launch = launchArguments(given, true);
    expect(launch.argv).toEqual(['app']);
    expect(resolveDataDir(launch.argv, {}, '/home/me/.config/Doorway')).toBe('/home/me/.config/Doorway');
  });

  it('keeps arguments that only look alike', () => {
    const given = ['app', '--data-directory-hint', '--lang=en', 'data-dir'];
    expect(launchArguments(given, true).argv).toEqual(given);
  });

  it('in development the data folder still comes from --data-dir', () => {
    expect(resolveDataDir(launchArguments(argv, false).argv, {}, '/fallback')).toBe('/tmp/other');
  });
});
