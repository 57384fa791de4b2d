/**
 * Certificates for serving HTTPS/WSS. The official SDK forces `https://` and `wss://` once it follows
 * the `settings` hosts (protocol doc §1), so an emulator standing in for CometChat needs TLS.
 */
import { readFileSync } from 'node:fs';
import selfsigned from 'selfsigned';

export interface TlsCredentials {
  key: string;
  cert: string;
}

/**
 * A throw-away self-signed certificate for localhost, 127.0.0.1 and *.cometchat.io (so host-mapped,
 * unmodified apps match by name too). Browsers still need `--ignore-certificate-errors` or an exception.
 */
export async function createSelfSignedCertificate(): Promise<TlsCredentials> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 30 * 24 * 3600_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'cometchat-emulator.localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: '*.cometchat.io' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Reads a PEM key and certificate, with an error that names the file that failed. */
export function readTlsFiles(keyFile: string, certFile: string): TlsCredentials {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read the TLS ${what} ${file}: ${(error as Error).message}`);
    }
  };
  return { key: read(keyFile, 'key'), cert: read(certFile, 'certificate') };
}
