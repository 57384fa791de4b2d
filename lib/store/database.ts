import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, runUpgrades, type InspectorSchema } from './schema';

export type InspectorDatabase = IDBPDatabase<InspectorSchema>;

/** Opens the database lazily and reopens it after the browser drops the connection. */
export interface DatabaseConnection {
  get(): Promise<InspectorDatabase>;
  close(): void;
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
          throw error;
        },
      );
      return opening;
    },
    close() {
      const current = opening;
      forget();
      void current?.then((db) => db.close(), () => undefined);
    },
  };
}
