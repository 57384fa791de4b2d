/**
 * The local emulator's defaults. The popup's "Use the local emulator" button fills the setup form
 * with these, so a build and an emulator started without flags find each other.
 */
export const EMULATOR_DEFAULTS = {
  port: 7717,
  host: '127.0.0.1',
  appId: 'emulator-app',
  region: 'eu',
  authKey: 'emulator-auth-key-0000000000000000000000',
  restApiKey: 'emulator-rest-api-key-00000000000000000',
} as const;

/** The API host URL an extension profile uses to reach an emulator on `port`. */
export function emulatorApiHost(port: number = EMULATOR_DEFAULTS.port): string {
  return `http://${EMULATOR_DEFAULTS.host}:${port}`;
}
