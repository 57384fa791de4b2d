/**
 * App profiles as views see them (the Auth Key masked), and what an import would do.
 * Part of the protocol (`lib/protocol.ts`): types and constants only.
 */

/** What a tester types to set up an app; with `id`, an edit of that profile. */
export interface ProfileInput {
  id?: string;
  label?: string;
  appId: string;
  region: string;
  authKey: string;
  apiHost?: string;
}

/** A profile as views see it: the Auth Key never leaves the background unmasked. */
export interface ProfileSummary {
  id: string;
  label: string;
  appId: string;
  region: string;
  apiHost?: string;
  authKeyMasked: string;
}

/** One profile found in an import file, and what importing it would do. */
export interface ImportItem {
  /** `appId@region` plus API host: how a profile is recognised across machines. */
  key: string;
  label: string;
  appId: string;
  region: string;
  apiHost?: string;
  hasAuthKey: boolean;
  /** `new`: added; `same`: already here, nothing to do; `conflict`: here with other settings, replaced only if asked. */
  status: 'new' | 'same' | 'conflict';
}

export interface ImportPreview {
  items: ImportItem[];
}
