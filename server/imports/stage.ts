// Reads one CSV file into its own UNLOGGED staging table: csv-parse → TypeBox validation →
// COPY (pg-copy-streams), streamed end to end so that memory stays flat whatever the size.
import { createReadStream } from 'node:fs'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { hashPasswords } from './agents.ts'
import type { FileSpec } from './columns.ts'
import { copyText, ValidatingParser, type ValidRow } from './parse.ts'
import type { RejectList } from './rejects.ts'

export interface StagedFile {
  spec: FileSpec
  file: string
  stage: string
  /** Spec columns the file's header names. */
  present: ReadonlySet<string>
  /** Valid rows in the stage. */
  rows: number
}

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
): Promise<StagedFile> {
  const names = spec.columns.map((c) => c.name)
  await client.query(`CREATE UNLOGGED TABLE ${stage} (line integer NOT NULL, ${spec.columns.map((c) => `${c.name} ${c.pgType}`).join(', ')})`)
  const parser = new ValidatingParser(spec, file, rejects)
  onProgress({ bytes: 0, rows: 0 })
  const tick = setInterval(() => onProgress({ bytes: parser.info.bytes, rows: parser.rows }), 200)
  const copy = () => client.query(copyFrom(`COPY ${stage} (line, ${names.join(', ')}) FROM STDIN`))
  try {
    const source = createReadStream(path, { highWaterMark: 1 << 20 })
    if (spec.kind === 'agents') {
      const rows: ValidRow[] = []
      await pipeline(source, parser, new Writable({ objectMode: true, write: (batch: ValidRow[], _e, done) => { rows.push(...batch); done() } }))
      const hashed = await hashPasswords(client, file, rows, rejects)
      await pipeline(Readable.from([hashed]), copyText(spec.columns), copy())
    } else {
      await pipeline(source, parser, copyText(spec.columns), copy())
    }
  } finally {
    clearInterval(tick)
  }
  onProgress({ bytes: parser.info.bytes, rows: parser.rows })
  // Row estimates for the merge's join plans.
  await client.query(`ANALYZE ${stage}`)
  return { spec, file, stage, present: parser.present, rows: parser.valid }
}
