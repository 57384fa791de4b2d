import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-code-names';
import { DB_NAME, DB_VERSION, runUpgrades, type InspectorSchema } from './schema';

export type InspectorDatabase = IDBPDatabase<InspectorSchema>;

/** Opens the database lazily and reopens it after the browser drops the connection. */
export interface DatabaseConnection {
  get(): Promise<InspectorDatabase>;
  close(): void;
  /** Deletes the whole database: the way out when it cannot be opened or read. */
  reset(): Promise<void>;
}

export function createDatabaseConnection(name: string = DB_NAME): DatabaseConnection {
  let opening: Promise<InspectorDatabase> | null = null;

  const forget = () => {
    opening = null;
  };

  return {
    get() {
      opening ??= openDB<InspectorSchema>(name, DB_VERSION, {
        upgrade: (db, oldVersion, newVersion, tx) => runUpgrades(db, oldVersion, newVersion, tx),
        // The browser closed the connection (storage cleared, disk error): open a fresh one next time.
        terminated: forget,
      }).then(
        (db) => {
          // Another context wants a newer version: step aside instead of blocking it.
          db.addEventListener('versionchange', () => {
            db.close();
            forget();
          });
          return db;
        },
        (error) => {
          forget();
          // A database from a newer version of the extension, a full disk, a broken profile: say so clearly.
          throw new CometChatException({
            code: ERROR_CODES.ERR_STORAGE_UNAVAILABLE,
            message: `The extension's stored data cannot be opened (${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? error}).`,
            details: { name: (error as Error)?.name ?? '' },
          });
        },
      );
      return opening;
    },
    close() {
      const current = opening;
      forget();
      void current?.then(
        (db) => db.close(),
        () => undefined,
      );
    },
    async reset() {
      const current = opening;
      forget();
      await current?.then(
        (db) => db.close(),
        () => undefined,
      );
      await deleteDB(name);
    },
  };
}
