/** Where an app's CometChat API lives: App ID + region, or one API host standing in for both APIs. */
export interface AppEndpoint {
  appId: string;
  region: string;
  /** e.g. `http://127.0.0.1:7717` (the emulator) or `my-deployment.example.com/prefix`; https if no scheme. */
  apiHost?: string;
}

export interface ApiBaseUrls {
  admin: string;
  client: string;
}

export const REGIONS = ['us', 'eu', 'in'] as const;

/**
 * Base URLs (ending in `/`) as the SDK builds them (protocol doc §1). An override applies to both APIs
 * and, like the SDK's `overrideAdminHost`/`overrideClientHost`, carries no `v3.0` segment.
 */
export function apiBaseUrls({ appId, region, apiHost }: AppEndpoint): ApiBaseUrls {
  const override = apiHost?.trim();
  if (override) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(override) ? override : `https://${override}`;
    const base = `${withScheme.replace(/\/+$/, '')}/`;
    return { admin: base, client: base };
  }
  const host = `${appId}.%s-${region.toLowerCase()}.cometchat.io`;
  return {
    admin: `https://${host.replace('%s', 'api')}/v3.0/`,
    client: `https://${host.replace('%s', 'apiclient')}/v3.0/`,
  };
}
