/**
 * Where the local emulator (`npm run emulator`, `npm start`) listens and which app it serves when started
 * without flags. The popup's "Use the local emulator" button fills the setup form with these, and the
 * emulator takes its defaults from here, so a build and an emulator started without flags find each other.
 * The emulator's REST API key is not here: the extension never uses it, so it stays out of the bundle.
 */
export const EMULATOR_DEFAULTS = {
  port: 7717,
  host: '127.0.0.1',
  appId: 'emulator-app',
  region: 'eu',
  authKey: 'emulator-auth-key-0000000000000000000000',
} as const;

/** The API host URL an extension profile uses to reach an emulator on `port` (the default port when omitted). */
export function emulatorApiHost(port: number = EMULATOR_DEFAULTS.port): string {
  return `http://${EMULATOR_DEFAULTS.host}:${port}`;
}
