/**
 * Runs an emulator from the command line: `npm run emulator -- [--port N] ...` (`tsx emulator/cli/main.ts`).
 * Prints where it listens and which credentials the extension's setup form needs.
 */
import { parseArgs } from 'node:util';
import { EMULATOR_DEFAULTS } from '../../lib/local-emulator';
import { DEFAULT_REST_API_KEY, readTlsFiles, startEmulator, type Emulator, type EmulatorOptions } from '../index';

const USAGE = `Usage: npm run emulator -- [options]

A local CometChat REST emulator with the five sample users (cometchat-uid-1 … cometchat-uid-5).

Options:
  --port N              port to listen on, 0 for any free port (default ${EMULATOR_DEFAULTS.port})
  --host H              address to bind (default ${EMULATOR_DEFAULTS.host})
  --app-id ID           App ID clients must send (default ${EMULATOR_DEFAULTS.appId})
  --auth-key KEY        Auth Key (default ${EMULATOR_DEFAULTS.authKey})
  --rest-api-key KEY    REST API key (default ${DEFAULT_REST_API_KEY})
  --tls                 serve HTTPS and WSS with a throw-away self-signed certificate
                        (needed by the official SDK, which forces https:// and wss://)
  --cert FILE --key FILE  serve HTTPS and WSS with this PEM certificate and key
  --data FILE           keep users and tokens in FILE across restarts (default: in memory)
  --without-cors        send no CORS headers (only callers with host access, like the extension, get through)
  --allowed-origin O    only this origin gets CORS headers and WebSocket upgrades; repeat for several
                        (e.g. --allowed-origin http://localhost:5173 --allowed-origin chrome-extension://<id>)
  --verbose             log "METHOD path -> status" per request (never headers or tokens)
  --help                show this help`;

/** Exit code for bad command-line usage, as shells and `getopt` conventions expect. */
const EXIT_USAGE = 2;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(EXIT_USAGE);
}

/** Turns argv into emulator options; exits with code 2 on anything it does not understand. */
function parseOptions(argv: string[]): EmulatorOptions & { help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'app-id': { type: 'string' },
        'auth-key': { type: 'string' },
        'rest-api-key': { type: 'string' },
        tls: { type: 'boolean', default: false },
        cert: { type: 'string' },
        key: { type: 'string' },
        data: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        'without-cors': { type: 'boolean', default: false },
        'allowed-origin': { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!/^\d+$/.test(values.port!) || port > 65535)) {
    fail(`Invalid --port "${values.port}": expected a whole number from 0 to 65535.`);
  }
  for (const flag of ['host', 'app-id', 'auth-key', 'rest-api-key', 'cert', 'key', 'data'] as const) {
    if (values[flag] === '') fail(`--${flag} must not be empty.`);
  }
  if ((values.cert === undefined) !== (values.key === undefined)) fail('--cert and --key go together.');
  let tls: EmulatorOptions['tls'] = values.tls;
  if (values.cert && values.key) {
    try {
      tls = readTlsFiles(values.key, values.cert);
    } catch (error) {
      console.error((error as Error).message);
      process.exit(1);
    }
  }
  return {
    help: values.help,
    port,
    host: values.host,
    appId: values['app-id'],
    authKey: values['auth-key'],
    restApiKey: values['rest-api-key'],
    tls,
    dataFile: values.data,
    cors: !values['without-cors'],
    allowedOrigins: values['allowed-origin'],
    onAccessLog: values.verbose ? (line) => console.log(line) : undefined,
  };
}

function describe(emulator: Emulator): string {
  return [
    `CometChat emulator listening on ${emulator.url}`,
    `  App ID:       ${emulator.appId}`,
    `  Region:       ${EMULATOR_DEFAULTS.region}`,
    `  Auth Key:     ${emulator.authKey}`,
    `  REST API key: ${emulator.restApiKey}`,
    `  Users:        cometchat-uid-1 … cometchat-uid-5`,
    `Point the extension at it: in the setup form use API host ${emulator.url} with the App ID and Auth Key above.`,
    ...(emulator.url.startsWith('https:')
      ? [
          `An app using the official SDK: overrideAdminHost('${emulator.hostAndPort}') and overrideClientHost('${emulator.hostAndPort}'),`,
          `  or unmodified, in Chromium started with --host-resolver-rules="MAP *.cometchat.io ${emulator.hostAndPort}" --ignore-certificate-errors`,
        ]
      : []),
    'Press Ctrl+C to stop.',
  ].join('\n');
}

async function main(): Promise<void> {
  const { help, ...options } = parseOptions(process.argv.slice(2));
  if (help) {
    console.log(USAGE);
    return;
  }
  let emulator: Emulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    console.error(`Could not start the emulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(describe(emulator));
  const stop = (signal: NodeJS.Signals) => {
    console.log(`\n${signal}: stopping the emulator.`);
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
