// Reads one CSV file into its own UNLOGGED staging table, streamed end to end so that memory
// stays flat whatever the size: CSV bytes → COPY rows (copy-rows.ts: plain rows straight from
// the bytes, the others validated with TypeBox) → COPY (pg-copy-streams). agents.csv goes
// through records and validation as objects, since its passwords are hashed before COPY.
// A file may be spooled instead: its COPY rows go to a file, and into the table only if a
// merge needs them there (usage-load.ts loads them without).
import { createReadStream, createWriteStream } from 'node:fs'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { hashPasswords } from './agents.ts'
import type { FileSpec } from './columns.ts'
import { CopyRows } from './copy-rows.ts'
import { copyCsv, RowValidator, type ValidRow } from './parse.ts'
import { CsvRecords } from './records.ts'
import type { RejectList } from './rejects.ts'

export interface StagedFile {
  spec: FileSpec
  file: string
  stage: string
  /** Spec columns the file's header names. */
  present: ReadonlySet<string>
  /** Valid rows in the stage. */
  rows: number
  /** The rows' COPY text is in this file, and the stage table is still empty (stageSpool). */
  spool?: string
}

const copySql = (spec: FileSpec, stage: string) => `COPY ${stage} (line, ${spec.columns.map((c) => c.name).join(', ')}) FROM STDIN WITH (FORMAT csv)`

export interface StageProgress {
  bytes: number
  rows: number
}

export async function stageFile(
  client: pg.Client,
  spec: FileSpec,
  path: string,
  file: string,
  stage: string,
  rejects: RejectList,
  onProgress: (p: StageProgress) => void,
  spool?: string,
): Promise<StagedFile> {
  await client.query(`CREATE UNLOGGED TABLE ${stage} (line integer NOT NULL, ${spec.columns.map((c) => `${c.name} ${c.pgType}`).join(', ')})`)
  const validator = new RowValidator(spec, file, rejects)
  const reader = spec.kind === 'agents' ? new CsvRecords((line, message) => validator.malformed(line, message)) : new CopyRows(spec, validator)
  onProgress({ bytes: 0, rows: 0 })
  const tick = setInterval(() => onProgress({ bytes: reader.bytes, rows: validator.rows }), 200)
  const copy = () => client.query(copyFrom(copySql(spec, stage)))
  try {
    // Small reads keep each batch of rows short-lived: with 1 MiB reads, garbage collection of
    // rows that outlive the young generation took half the CPU.
    const source = createReadStream(path, { highWaterMark: 64 << 10 })
    if (spec.kind === 'agents') {
      const rows: ValidRow[] = []
      await pipeline(source, reader, validator, new Writable({ objectMode: true, write: (batch: ValidRow[], _e, done) => { rows.push(...batch); done() } }))
      const hashed = await hashPasswords(client, file, rows, rejects)
      await pipeline(Readable.from([hashed]), copyCsv(spec.columns), copy())
    } else {
      await pipeline(source, reader, spool ? createWriteStream(spool) : copy())
    }
  } finally {
    clearInterval(tick)
  }
  onProgress({ bytes: reader.bytes, rows: validator.rows })
  const staged = { spec, file, stage, present: validator.present, rows: validator.valid }
  if (spool) return { ...staged, spool }
  await analyze(client, staged)
  return staged
}

/** Row estimates for the merge's join plans. */
const analyze = (client: pg.Client, staged: StagedFile) => client.query(`ANALYZE ${staged.stage}`)

/** Copies a spooled file's rows into its stage table. */
export async function stageSpool(client: pg.Client, staged: StagedFile & { spool: string }): Promise<StagedFile> {
  await pipeline(createReadStream(staged.spool, { highWaterMark: 1 << 20 }), client.query(copyFrom(copySql(staged.spec, staged.stage))))
  await analyze(client, staged)
  return { ...staged, spool: undefined }
}
