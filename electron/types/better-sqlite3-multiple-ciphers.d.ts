// The driver's package.json "exports" has no "types" condition, so TypeScript cannot find the
// index.d.ts it ships. Its API is better-sqlite3's (the cipher is chosen with PRAGMAs), so the
// DefinitelyTyped declarations stand in for it.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  export = Database;
}
