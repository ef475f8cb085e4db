import { X509Certificate } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import pg from 'pg';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';

/**
 * TLS to a clinic hub with its certificate pinned (DESIGN.md, Clinic hub: "its TLS certificate
 * pinned"). The hub's own server (hub/server.ts) has a self-signed certificate, so there is no CA to
 * ask: a workstation trusts exactly the certificate whose SHA-256 fingerprint it was given when it
 * paired (hub/pairing.ts), and nothing else.
 *
 * Fingerprints are written as OpenSSL and Node write them (X509Certificate.fingerprint256): the
 * SHA-256 of the certificate's DER bytes, upper-case hex pairs separated by colons ("AB:01:...", 95
 * characters). normalizeFingerprint also accepts plain hex in either case.
 *
 * How: Node verifies a server against `ca` before a single byte of the connection's own data leaves
 * (writes wait for the handshake and its checks). So before a connection is made, the server's
 * certificate is fetched once (a PostgreSQL SSLRequest and a TLS handshake, nothing else sent) and
 * compared with the pinned fingerprint; it then becomes the connection's only `ca`, and
 * checkServerIdentity compares the fingerprint again on every connection (the host name is not what
 * is trusted: the certificate is).
 */
export function certificateFingerprint(cert: string | Buffer): string {
  return new X509Certificate(cert).fingerprint256;
}

/** A fingerprint in the one form used here, or null when it isn't a SHA-256 fingerprint. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

export const hubCertificateChanged = () =>
  new DoorwayError('HUB_UNREACHABLE', msg('hub.tls.certificateChanged'));

const noTls = () =>
  new DoorwayError('HUB_UNREACHABLE', msg('hub.tls.notEncrypted'));

/** PostgreSQL's SSLRequest: length 8, then the code 1234.5679. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/**
 * The certificate a PostgreSQL server presents, read without logging in: the SSLRequest, the server's
 * 'S', a TLS handshake that accepts any certificate (it is only looked at), then the connection closes.
 */
export function fetchServerCertificate(host: string, port: number, timeoutMs = 10_000): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    let socket: Socket = netConnect({ host, port });
    let settled = false;
    const finish = (error: unknown, cert?: X509Certificate) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (cert) resolve(cert);
      else reject(error);
    };
    const timer = setTimeout(() => finish(Object.assign(new Error(`no answer from ${host}:${port}`), { code: 'ETIMEDOUT' })), timeoutMs);
    socket.on('error', (e) => finish(e));
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (answer) => {
      if (answer[0] !== 0x53 /* 'S' */) return finish(noTls());
      socket = tlsConnect({ socket, rejectUnauthorized: false, ...(isIpAddress(host) ? {} : { servername: host }) });
      socket.on('error', (e) => finish(e));
      socket.once('secureConnect', () => {
        const peer = (socket as ReturnType<typeof tlsConnect>).getPeerCertificate(true);
        if (!peer?.raw) return finish(noTls());
        finish(null, new X509Certificate(peer.raw));
      });
    });
  });
}

const isIpAddress = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

/** The certificates already fetched and found to match, per server and fingerprint: fetched once per run. */
const pinnedCertificates = new Map<string, string>();

/** The server's certificate as PEM if its fingerprint is the pinned one; otherwise the refusal (nothing was sent). */
export async function pinnedCertificate(host: string, port: number, fingerprint: string): Promise<string> {
  const pinned = normalizeFingerprint(fingerprint);
  if (!pinned) throw hubCertificateChanged();
  const key = `${host}:${port}#${pinned}`;
  const known = pinnedCertificates.get(key);
  if (known) return known;
  const cert = await fetchServerCertificate(host, port);
  if (cert.fingerprint256 !== pinned) throw hubCertificateChanged();
  pinnedCertificates.set(key, cert.toString());
  return cert.toString();
}

/**
 * node-postgres options for a pool whose every connection is TLS to exactly the pinned certificate:
 * `ssl` (the certificate as the only CA, the fingerprint checked again on each handshake) and a
 * `Client` that fetches and checks the certificate before its first connection. Used by postgresPool
 * (data/postgres.ts) when a target names a pinned fingerprint.
 */
export function pinnedTlsOptions(connectionString: string, fingerprint: string): Pick<pg.PoolConfig, 'ssl' | 'Client'> {
  const url = new URL(connectionString);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 5432);
  const pinned = normalizeFingerprint(fingerprint) ?? '';
  const ssl: pg.PoolConfig['ssl'] & object = {
    rejectUnauthorized: true,
    checkServerIdentity: (_host: string, cert: PeerCertificate) => (cert.raw && certificateFingerprint(cert.raw) === pinned ? undefined : hubCertificateChanged()),
  };
  class PinnedClient extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error | null, client?: pg.Client) => void): void;
    override connect(callback?: (err: Error | null, client?: pg.Client) => void): Promise<pg.Client> | void {
      // The certificate goes into the options this pool's connections share before any of them opens.
      const ready = pinnedCertificate(host, port, pinned).then(async (pem) => {
        Object.assign(ssl, { ca: pem });
        return super.connect();
      });
      if (!callback) return ready;
      ready.then(
        (client) => callback(null, client),
        (e: Error) => callback(e),
      );
    }
  }
  return { ssl, Client: PinnedClient as unknown as pg.PoolConfig['Client'] };
}
