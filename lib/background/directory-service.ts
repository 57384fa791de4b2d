import { DEFAULT_USERS_PER_PAGE, MAX_USERS_PER_PAGE, type NewUser } from '../cometchat/client';
import { ERROR_CODES, ERROR_REGISTRY } from '../cometchat/error-codes';
import { CometChatException } from '../cometchat/exception';
import type { CometChatUser } from '../cometchat/user';
import { NEW_USER_LIMITS, type DirectoryPage, type NewUserInput, type TestUsersOutcome } from '../protocol';
import { newUserProblems, type NewUserProblem } from '../new-user-errors';
import { activeSessionOf } from '../store/state';
import { TEST_USERS } from '../test-users';
import type { BackgroundContext } from './context';
import { requireAuthKey } from './session-service';

/** Users a directory page holds: the SDK's UI kits' page size, far under CometChat's (and the SDK's) 100. */
const DIRECTORY_PAGE_SIZE = DEFAULT_USERS_PER_PAGE;
/** The longest uid, name or search the directory passes on: a server can send anything, views show it. */
const DIRECTORY_TEXT_LIMIT = 300;
/** The longest avatar URL, role or status kept; longer ones are left out. */
const URL_LIMIT = 2048;
const WORD_LIMIT = 100;

/** `text` cut to `limit` characters (by code point, so no half of a surrogate pair is left), with an ellipsis if cut. */
function bounded(text: string, limit = DIRECTORY_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  // A code point is at most two UTF-16 units: the first 2 × limit units hold at least `limit` of them, or all of the text.
  const points = [...text.slice(0, limit * 2)];
  if (points.length <= limit && text.length <= limit * 2) return text;
  return `${points.slice(0, limit - 1).join('')}…`;
}

/**
 * A user as the directory answers it: uid and name bounded, an avatar only when it is an http(s) URL of
 * reasonable length (views put it in an `<img src>`), role and status only as short text. Metadata and
 * everything else CometChat sends stay out: the directory lists, the inspector shows a user in full.
 */
function directoryUser(user: CometChatUser): CometChatUser {
  const text = (value: unknown, limit: number) => (typeof value === 'string' && value.length <= limit ? value : undefined);
  const avatar = text(user.avatar, URL_LIMIT);
  const role = text(user.role, WORD_LIMIT);
  const status = text(user.status, WORD_LIMIT);
  return {
    uid: bounded(String(user.uid)),
    name: bounded(typeof user.name === 'string' ? user.name : String(user.uid)),
    ...(avatar && /^https?:\/\//i.test(avatar) ? { avatar } : {}),
    ...(role ? { role } : {}),
    ...(status ? { status } : {}),
    ...(typeof user.lastActiveAt === 'number' && Number.isFinite(user.lastActiveAt) ? { lastActiveAt: user.lastActiveAt } : {}),
  };
}

/**
 * The extension's check, worded as CometChat (Laravel) words its own validation: the details come back in CometChat's
 * shape and language whoever refused, so views show them by their fields. The create form checks first, in the
 * tester's words; this is for a port that sends anything.
 */
const AS_COMETCHAT_SAYS: { readonly [Problem in NewUserProblem]: (field: keyof NewUserInput) => string } = {
  required: (field) => `The ${field} field is required.`,
  uidCharacters: () => 'The uid may only contain letters, numbers, dashes and underscores.',
  tooLong: (field) => `The ${field} may not be greater than ${NEW_USER_LIMITS[field]} characters.`,
  notHttpUrl: (field) => `The ${field} must be an http or https URL.`,
};

/**
 * `user` if every field is within NEW_USER_LIMITS and CometChat's rules (`newUserProblems`), else ERR_BAD_REQUEST
 * naming each field at fault, one array of messages per field. Checked before anything is sent.
 */
function boundedNewUser(user: NewUserInput): NewUserInput {
  const problems = newUserProblems(user);
  if (problems) {
    const details = Object.fromEntries(
      Object.entries(problems).map(([field, found]) => [field, found.map((problem) => AS_COMETCHAT_SAYS[problem](field as keyof NewUserInput))]),
    );
    throw new CometChatException({ code: ERROR_CODES.ERR_BAD_REQUEST, message: ERROR_REGISTRY.ERR_BAD_REQUEST.message, details });
  }
  return user;
}

function invalidQuery(message: string, details: Record<string, unknown>): CometChatException {
  return new CometChatException({ code: ERROR_CODES.ERR_INVALID_DIRECTORY_QUERY, message, details });
}

/**
 * The active app's user directory: listing (with the active held session's token, as the SDK's
 * `UsersRequest` lists with the logged-in user's), creating users and the five test users (with the
 * Auth Key, as `CometChat.createUser`). Nothing here writes to storage, so nothing runs in the command
 * queue: a slow CometChat holds up no login.
 */
export function createDirectoryService(context: BackgroundContext) {
  /** The active app and its active held session (null without one); ERR_APP_NOT_CONFIGURED without an app. */
  async function activeApp() {
    const state = await context.readState();
    if (state.profile) return { profile: state.profile, active: activeSessionOf(state) };
    return { profile: await context.requireProfile(), active: null };
  }

  async function createWithAuthKey(user: NewUser): Promise<CometChatUser> {
    const { profile } = await activeApp();
    return context.createClient(profile).createUser(requireAuthKey(profile), user);
  }

  return {
    async listUsers({ search = '', page = 1 }: { search?: string; page?: number }): Promise<DirectoryPage> {
      if (search.length > DIRECTORY_TEXT_LIMIT) {
        throw invalidQuery(`A user search is at most ${DIRECTORY_TEXT_LIMIT} characters.`, { length: search.length });
      }
      if (!Number.isSafeInteger(page) || page < 1) throw invalidQuery('A page number is a whole number from 1.', { page: String(page).slice(0, 40) });
      const { profile, active } = await activeApp();
      if (!active) {
        throw new CometChatException({
          code: ERROR_CODES.ERR_DIRECTORY_NEEDS_SESSION,
          message: ERROR_REGISTRY.ERR_DIRECTORY_NEEDS_SESSION.message,
          details: { appId: profile.appId },
        });
      }
      const reply = await context.createClient(profile).listUsers(active.authToken, { search, page, limit: DIRECTORY_PAGE_SIZE });
      // However many users a server sends, a page holds at most MAX_USERS_PER_PAGE.
      const users = reply.users.slice(0, Math.min(DIRECTORY_PAGE_SIZE, MAX_USERS_PER_PAGE)).map(directoryUser);
      return { users, page: reply.page, totalPages: reply.totalPages, total: reply.total, search };
    },

    async createUser(user: NewUserInput): Promise<CometChatUser> {
      return directoryUser(await createWithAuthKey(boundedNewUser(user)));
    },

    /**
     * Creates whichever of the five test users the app lacks, with their names and avatars; a uid the app
     * has already counts as there (CometChat answers ERR_UID_ALREADY_EXISTS). Any other failure stops the
     * run and says which were created before it.
     */
    async createTestUsers(): Promise<TestUsersOutcome> {
      const { profile } = await activeApp();
      const authKey = requireAuthKey(profile);
      const client = context.createClient(profile);
      const outcome: TestUsersOutcome = { created: [], existing: [] };
      for (const { uid, name, avatar } of TEST_USERS) {
        try {
          await client.createUser(authKey, { uid, name, avatar });
          outcome.created.push(uid);
        } catch (thrown) {
          if ((thrown as { code?: unknown })?.code === ERROR_CODES.ERR_UID_ALREADY_EXISTS) {
            outcome.existing.push(uid);
            continue;
          }
          const error = await context.sanitize(thrown);
          throw new CometChatException({
            ...error,
            details: { ...(typeof error.details === 'object' ? error.details : {}), created: outcome.created },
          });
        }
      }
      return outcome;
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
