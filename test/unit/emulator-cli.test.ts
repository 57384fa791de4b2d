/**
 * The emulator's command line, run as a real process the way a developer or CI starts it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const running: ChildProcessWithoutNullStreams[] = [];

function runCli(...args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli/main.ts', ...args], { cwd: projectRoot });
  running.push(child);
  return child;
}

/** Collects output until the process exits. */
function finished(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Resolves with everything printed once the banner (which ends with the stop hint) is out. */
function banner(child: ChildProcessWithoutNullStreams): Promise<string> {
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('Ctrl+C')) resolve(stdout);
    });
    child.on('exit', (code) => reject(new Error(`The CLI exited with ${code} before it was ready:\n${stdout}`)));
  });
}

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

// Each test starts one or two real Node processes through tsx: about a second each on a quiet machine, several while
// the e2e suite's browsers share its cores (CI runs the unit tests beside it), past vitest's default 5 s.
describe('emulator CLI', { timeout: 30_000 }, () => {
  it('should print the URL, App ID, region, keys and how to point the extension at it', async () => {
    const output = await banner(runCli('--port', '0', '--app-id', 'cli-app'));

    expect(output).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toContain('App ID:       cli-app');
    expect(output).toContain('Region:       eu');
    expect(output).toContain('Auth Key:     emulator-auth-key-');
    expect(output).toContain('REST API key: emulator-rest-api-key-');
    expect(output).toMatch(/API host http:\/\/127\.0\.0\.1:\d+/);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('should serve logins and exit with 0 on %s', async (signal) => {
    const child = runCli('--port', '0');
    const url = (await banner(child)).match(/http:\/\/[\d.]+:\d+/)![0];
    const exit = finished(child);

    const response = await fetch(`${url}/users/cometchat-uid-1/auth_tokens`, {
      method: 'POST',
      headers: { appid: 'emulator-app', apikey: 'emulator-auth-key-0000000000000000000000' },
    });
    child.kill(signal);

    expect(response.status).toBe(200);
    expect((await exit).code).toBe(0);
  });

  it('should log one line per request with --verbose, without tokens', async () => {
    const child = runCli('--port', '0', '--verbose');
    const url = (await banner(child)).match(/http:\/\/[\d.]+:\d+/)![0];
    const exit = finished(child);

    const response = await fetch(`${url}/v3.0/me`, { method: 'PUT', headers: { appid: 'emulator-app', authtoken: 'secret-token' } });
    await response.text();
    const inPath = await fetch(`${url}/v3/users/cometchat-uid-1/auth_tokens/secret-token-in-path`, {
      headers: { appid: 'emulator-app', apikey: 'emulator-rest-api-key-000000000000000000' },
    });
    await inPath.text();
    child.kill('SIGTERM');
    const { stdout } = await exit;

    expect(stdout).toContain('PUT /v3.0/me -> 401');
    expect(stdout).toContain('GET /v3/users/cometchat-uid-1/auth_tokens/[token] -> ');
    expect(stdout).not.toContain('secret-token');
  });

  it.each([
    ['an unknown flag', ['--bogus'], /bogus/],
    ['a port that is not a number', ['--port', 'abc'], /--port/],
    ['a port out of range', ['--port', '70000'], /--port/],
    ['a positional argument', ['extra'], /extra/],
    ['an empty App ID', ['--app-id', ''], /--app-id/],
    ['a certificate without its key', ['--cert', 'cert.pem'], /--cert and --key go together/],
  ])('should exit with 2 and explain %s', async (_, args, message) => {
    const { code, stderr } = await finished(runCli(...args));

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });

  it('should print usage and exit with 0 for --help', async () => {
    const { code, stdout } = await finished(runCli('--help'));

    expect(code).toBe(0);
    expect(stdout).toContain('Usage: npm run emulator -- [options]');
  });

  it('should serve HTTPS with a self-signed certificate for --tls and say how the SDK reaches it', async () => {
    const output = await banner(runCli('--port', '0', '--tls'));

    expect(output).toMatch(/listening on https:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(/overrideAdminHost\('127\.0\.0\.1:\d+'\)/);
    expect(output).toMatch(/--host-resolver-rules="MAP \*\.cometchat\.io 127\.0\.0\.1:\d+"/);
  });

  it('should exit with 1 naming the file when a TLS file cannot be read', async () => {
    const { code, stderr } = await finished(runCli('--cert', '/nonexistent/cert.pem', '--key', '/nonexistent/key.pem'));

    expect(code).toBe(1);
    expect(stderr).toContain('/nonexistent/key.pem');
  });

  it('should keep a token minted before a restart with --data', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'emulator-cli-')), 'state.json');
    const first = runCli('--port', '0', '--data', dataFile);
    const url = (await banner(first)).match(/http:\/\/[\d.]+:\d+/)![0];
    const minted = await fetch(`${url}/users/cometchat-uid-1/auth_tokens`, {
      method: 'POST',
      headers: { appid: 'emulator-app', apikey: 'emulator-auth-key-0000000000000000000000' },
    }).then((response) => response.json());
    const exited = finished(first);
    first.kill('SIGTERM');
    await exited;

    const second = runCli('--port', '0', '--data', dataFile);
    const secondUrl = (await banner(second)).match(/http:\/\/[\d.]+:\d+/)![0];
    const me = await fetch(`${secondUrl}/me`, { method: 'PUT', headers: { appid: 'emulator-app', authtoken: minted.data.authToken } });

    expect(me.status).toBe(200);
  });
});
