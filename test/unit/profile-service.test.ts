import { describe, expect, it, vi } from 'vitest';
import { PROFILE_FILE_FORMAT } from '@/lib/background/profile-transfer';
import { CometChatException } from '@/lib/cometchat/exception';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

const SECOND = { label: 'Staging', appId: 'app-2', region: 'us', authKey: 'good-key' };

async function twoApps() {
  const background = createMemoryBackground();
  const first = await background.profiles.saveProfile({ ...PROFILE, label: 'Dev' });
  const second = await background.profiles.saveProfile(SECOND);
  return { ...background, first, second };
}

const fileWith = (profiles: unknown[]) => JSON.stringify({ format: PROFILE_FILE_FORMAT, version: 1, profiles });

describe('app profiles', () => {
  it('should make a new profile the active one and list both', async () => {
    const { context, second } = await twoApps();

    const snapshot = await context.snapshot();

    expect(snapshot.profile?.id).toBe(second.id);
    expect(snapshot.profiles.map((profile) => profile.label)).toEqual(['Dev', 'Staging']);
  });

  it("should keep each app's sessions and active user apart when switching between them", async () => {
    const { profiles, service, context, first, second } = await twoApps();
    await service.login('cometchat-uid-2', 'popup');
    await profiles.activateProfile(first.id);
    await service.login('cometchat-uid-5', 'popup');

    await profiles.activateProfile(second.id);
    const onSecond = await context.snapshot();
    await profiles.activateProfile(first.id);
    const onFirst = await context.snapshot();

    expect(onSecond.active?.uid).toBe('cometchat-uid-2');
    expect(onSecond.sessions.map((session) => session.uid)).toEqual(['cometchat-uid-2']);
    expect(onFirst.active?.uid).toBe('cometchat-uid-5');
    expect(onFirst.sessions.map((session) => session.uid)).toEqual(['cometchat-uid-5']);
  });

  it('should edit a profile by id without touching which one is active, keeping its key when left blank', async () => {
    const { profiles, context, first, second } = await twoApps();

    await profiles.saveProfile({ ...PROFILE, id: first.id, label: 'Dev (renamed)', authKey: '' });
    const snapshot = await context.snapshot();

    expect(snapshot.profile?.id).toBe(second.id);
    expect(snapshot.profiles.find((profile) => profile.id === first.id)).toMatchObject({ label: 'Dev (renamed)', authKeyMasked: '••••••••' });
  });

  it('should delete a profile with its sessions and fall back to another one', async () => {
    const { profiles, service, context, first, second } = await twoApps();
    await service.login('cometchat-uid-1', 'popup');

    await profiles.deleteProfile(second.id);
    const snapshot = await context.snapshot();

    expect(snapshot.profiles.map((profile) => profile.id)).toEqual([first.id]);
    expect(snapshot.profile?.id).toBe(first.id);
    expect(snapshot.active).toBeNull();
  });

  it('should refuse to activate or delete a profile that does not exist', async () => {
    const { profiles } = await twoApps();

    await expect(profiles.activateProfile('nope')).rejects.toMatchObject({ code: 'ERR_PROFILE_NOT_FOUND' });
    await expect(profiles.deleteProfile('nope')).rejects.toMatchObject({ code: 'ERR_PROFILE_NOT_FOUND' });
  });
});

describe('profile export and import', () => {
  it('should export profiles without Auth Keys unless asked', async () => {
    const { profiles } = await twoApps();

    const plain = await profiles.exportProfiles(false);
    const withSecrets = await profiles.exportProfiles(true);

    expect(plain).not.toContain('good-key');
    expect(JSON.parse(plain)).toMatchObject({
      format: PROFILE_FILE_FORMAT,
      includesSecrets: false,
      profiles: [{ label: 'Dev', appId: 'app-1' }, { label: 'Staging' }],
    });
    expect(JSON.parse(withSecrets).profiles[0].authKey).toBe('good-key');
  });

  it('should preview an import as new, same and conflicting profiles', async () => {
    const { profiles } = await twoApps();
    const file = fileWith([
      { label: 'Dev', appId: 'app-1', region: 'eu', apiHost: PROFILE.apiHost },
      { label: 'Staging v2', appId: 'app-2', region: 'us' },
      { label: 'Prod', appId: 'app-3', region: 'in' },
    ]);

    const preview = await profiles.previewImport(file);

    expect(preview.items.map((item) => [item.label, item.status])).toEqual([
      ['Dev', 'same'],
      ['Staging v2', 'conflict'],
      ['Prod', 'new'],
    ]);
  });

  it('should add new profiles and leave a conflicting one alone unless it is named for replacing', async () => {
    const { profiles, context } = await twoApps();
    const file = fileWith([
      { label: 'Staging v2', appId: 'app-2', region: 'us' },
      { label: 'Prod', appId: 'app-3', region: 'in', authKey: 'prod-key' },
    ]);

    await profiles.applyImport(file, []);
    const kept = (await context.snapshot()).profiles.map((profile) => profile.label);
    await profiles.applyImport(file, ['app-2@us']);
    const replaced = (await context.snapshot()).profiles.map((profile) => profile.label);

    expect(kept).toEqual(['Dev', 'Staging', 'Prod']);
    expect(replaced).toEqual(['Dev', 'Staging v2', 'Prod']);
  });

  it.each([
    ['text that is not JSON', '{"format":', 'not JSON'],
    ['JSON of another kind', JSON.stringify({ hello: 'world' }), 'not a profile export'],
    ['no profiles', fileWith([]), '1 to 100 profiles'],
    [
      'an invalid profile among valid ones',
      fileWith([
        { label: 'ok', appId: 'app-9', region: 'eu' },
        { appId: 'bad id!', region: 'mars' },
      ]),
      'nothing was imported',
    ],
  ])('should reject %s with a message and change nothing', async (_name, file, message) => {
    const { profiles, context } = await twoApps();
    const before = await context.snapshot();

    await expect(profiles.applyImport(file, [])).rejects.toMatchObject({ code: 'ERR_INVALID_IMPORT', message: expect.stringContaining(message) });

    expect((await context.snapshot()).profiles).toEqual(before.profiles);
  });

  it('should say which profile and field is wrong', async () => {
    const { profiles } = await twoApps();

    const error = await profiles.previewImport(fileWith([{ label: 'x', appId: 'ok', region: 'mars' }])).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ details: { 'profiles[0]': { region: [expect.stringContaining('us, eu, in')] } } });
  });
});

describe('saving an app after checking its API host', () => {
  const unreachable = () =>
    Promise.reject(
      new CometChatException({ code: 'ERR_API_HOST_UNREACHABLE', message: 'No CometChat API answered', details: { apiHost: ['Could not connect'] } }),
    );

  it('should refuse an app whose API host does not answer when the view asks for the check, and save nothing', async () => {
    const checked: string[] = [];
    const background = createMemoryBackground({ checkApiHost: (endpoint) => (checked.push(endpoint.apiHost ?? ''), unreachable()) });
    const client = background.connectView();

    const saving = client.request('saveProfile', { profile: PROFILE, checkApiHost: true });

    await expect(saving).rejects.toMatchObject({ code: 'ERR_API_HOST_UNREACHABLE', details: { apiHost: ['Could not connect'] } });
    expect(checked).toEqual([PROFILE.apiHost]);
    expect((await background.context.snapshot()).profiles).toEqual([]);
  });

  it('should save without a check when the view does not ask for one ("Save anyway", and every other caller)', async () => {
    const background = createMemoryBackground({ checkApiHost: unreachable });
    const client = background.connectView();

    const saved = await client.request('saveProfile', { profile: PROFILE });

    expect((await background.context.snapshot()).profile?.id).toBe(saved.id);
  });

  it('should name invalid settings before checking any host, and check no host for an app without one', async () => {
    const check = vi.fn(() => Promise.resolve());
    const background = createMemoryBackground({ checkApiHost: check });
    const client = background.connectView();

    await expect(client.request('saveProfile', { profile: { ...PROFILE, appId: '' }, checkApiHost: true })).rejects.toMatchObject({
      code: 'ERR_INVALID_PROFILE',
    });
    await client.request('saveProfile', { profile: { ...PROFILE, apiHost: '' }, checkApiHost: true });

    expect(check).not.toHaveBeenCalled();
  });
});
