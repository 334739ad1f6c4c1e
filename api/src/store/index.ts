export { openStore, type OpenStoreOptions, type Store } from './store';
export type { Db, Engine, Queryable, Row } from './db';
export { StoreUnavailableError } from './errors';
export { migrate, loadMigrations, type Migration } from './migrate';
export {
  auditRepository,
  MAX_AUDIT_PAGE,
  type AuditEntry,
  type AuditPage,
  type AuditRecord,
  type AuditRepository,
  type ListAuditQuery,
} from './audit';
export type { AuthRepository, TokenRow, UserRow, TokenOrigin } from './auth';
export { statusRank, type SamplesRepository, type Range } from './samples';
