// Replaces queue_entries by a table written in bulk, inside the caller's transaction:
//   1. lock queue_entries against writers (readers go on) until the transaction ends;
//   2. create queue_entries_next like it (columns, defaults, checks; no index, no key);
//   3. fill it (the caller's statements), analyze it;
//   4. build its indexes and keys by sorting, check its foreign keys with one join each;
//   5. swap: the id sequence moves over, the old table is dropped, the new one takes its
//      name and its indexes and constraints their names; foreign keys of other tables
//      (calls, dispositions) are added again, checked against the new table.
// Everything is read from the catalog, so a migration that adds an index or a key to
// queue_entries needs no change here; a trigger on it would be lost, so the swap refuses one.
// Rolled back, nothing happened. The tail (5) holds exclusive locks on the tables that
// queue_entries references and that reference it, for the few hundred milliseconds it takes.
import type { Statement } from '../rules/statements.ts'

export const NEXT_TABLE = 'queue_entries_next'

/** A fixed, short, collision-free name for the copy of index or constraint `name` on the new table. */
const TEMP_NAME = (name: string) => `'qn_' || left(md5(${name}), 24)`

/** Indexes of queue_entries not created by a constraint (those come back with their constraint). */
const PLAIN_INDEXES = `
  SELECT ci.relname AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid
  WHERE i.indrelid = 'queue_entries'::regclass
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)`

/** Key constraints of queue_entries (checks and NOT NULL come with CREATE TABLE ... LIKE). */
const OWN_KEYS = `
  SELECT conname AS name, pg_get_constraintdef(oid) AS def, contype FROM pg_constraint
  WHERE conrelid = 'queue_entries'::regclass AND contype IN ('p', 'u', 'x', 'f')`

const KEYS_SQL = `DO $$
DECLARE r record;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'queue_entries'::regclass AND NOT tgisinternal) THEN
    RAISE EXCEPTION 'queue_entries has a trigger: the queue build cannot carry it over to the new table';
  END IF;
  FOR r IN ${PLAIN_INDEXES} LOOP
    EXECUTE regexp_replace(r.def, '^(CREATE (UNIQUE )?INDEX )\\S+ ON \\S+ ', '\\1' || ${TEMP_NAME('r.name')} || ' ON ${NEXT_TABLE} ');
  END LOOP;
  FOR r IN ${OWN_KEYS} ORDER BY contype = 'f', conname LOOP
    EXECUTE format('ALTER TABLE ${NEXT_TABLE} ADD CONSTRAINT %I %s', ${TEMP_NAME('r.name')}, r.def);
  END LOOP;
END $$`

const SWAP_SQL = `DO $$
DECLARE
  r record;
  indexes text[];
  keys text[];
  incoming text[];
  n text;
BEGIN
  SELECT coalesce(array_agg(name), '{}') INTO indexes FROM (${PLAIN_INDEXES}) i;
  SELECT coalesce(array_agg(name), '{}') INTO keys FROM (${OWN_KEYS}) k;
  FOR r IN SELECT a.attname, pg_get_serial_sequence('queue_entries', a.attname) AS seq FROM pg_attribute a
           WHERE a.attrelid = 'queue_entries'::regclass AND a.attnum > 0 AND NOT a.attisdropped LOOP
    IF r.seq IS NOT NULL THEN EXECUTE format('ALTER SEQUENCE %s OWNED BY ${NEXT_TABLE}.%I', r.seq, r.attname); END IF;
  END LOOP;
  SELECT coalesce(array_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))), '{}') INTO incoming
  FROM pg_constraint WHERE confrelid = 'queue_entries'::regclass AND conrelid <> 'queue_entries'::regclass AND contype = 'f';
  FOR r IN SELECT conrelid::regclass AS tab, conname FROM pg_constraint
           WHERE confrelid = 'queue_entries'::regclass AND conrelid <> 'queue_entries'::regclass AND contype = 'f' LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tab, r.conname);
  END LOOP;
  -- without CASCADE: anything else depending on the table (a view) fails the run loudly
  DROP TABLE queue_entries;
  ALTER TABLE ${NEXT_TABLE} RENAME TO queue_entries;
  FOREACH n IN ARRAY indexes LOOP EXECUTE format('ALTER INDEX %I RENAME TO %I', ${TEMP_NAME('n')}, n); END LOOP;
  FOREACH n IN ARRAY keys LOOP EXECUTE format('ALTER TABLE queue_entries RENAME CONSTRAINT %I TO %I', ${TEMP_NAME('n')}, n); END LOOP;
  FOREACH n IN ARRAY incoming LOOP EXECUTE n; END LOOP;
END $$`

/** The statements of a swap around `fill` (INSERTs into NEXT_TABLE), in order. */
export function swapStatements(opts: { fill: Statement[] }): Statement[] {
  return [
    { label: 'lock', sql: 'LOCK TABLE queue_entries IN EXCLUSIVE MODE', params: [] },
    { label: 'next table', sql: `CREATE TABLE ${NEXT_TABLE} (LIKE queue_entries INCLUDING ALL EXCLUDING INDEXES)`, params: [] },
    ...opts.fill,
    { label: 'analyze', sql: `ANALYZE ${NEXT_TABLE}`, params: [] },
    { label: 'indexes and keys', sql: KEYS_SQL, params: [] },
    { label: 'swap', sql: SWAP_SQL, params: [] },
  ]
}
