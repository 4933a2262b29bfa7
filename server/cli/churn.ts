// `npm run cli -- churn train --as-of D [--json]` and `churn export [--format csv|json]`:
// the 3-month churn model (server/rules/churn) and its scores.
import { loadConfig } from '../config.ts'
import { createDb } from '../db/client.ts'
import { exportScores, SCORE_COLUMNS } from '../rules/churn/export.ts'
import { trainChurn } from '../rules/churn/train.ts'
import { asOfFlag } from './as-of.ts'
import { parseFlags, UsageError, type Command } from './command.ts'
import { formatFlag, tableWriter } from './tabular.ts'

const command: Command = {
  name: 'churn',
  summary: 'churn train: fits the churn model on customers active at DATE − 3 months, reports held-out AUC and top-decile lift, and scores every customer active at DATE. churn export: msisdn, score.',
  usage: 'npm run cli -- churn train --as-of YYYY-MM-DD [--json]\nnpm run cli -- churn export [--format csv|json]',
  async run(args) {
    const { flags, positional } = parseFlags(args)
    const sub = positional[0]
    if ((sub !== 'train' && sub !== 'export') || positional.length > 1) throw new UsageError('expected: churn train | churn export')
    const asOf = sub === 'train' ? asOfFlag(flags) : undefined
    const format = sub === 'export' ? formatFlag(flags) : undefined
    const db = createDb(loadConfig().DATABASE_URL, 2)
    try {
      if (asOf) {
        const { report, scored } = await trainChurn(db, {
          asOf,
          onProgress: (p) => { process.stderr.write(`\r${p.stage} ${p.done}/${p.total}   `) },
        })
        process.stderr.write(`\nscored ${scored} customers active at ${asOf}\n`)
        if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`)
        else {
          process.stdout.write(`churn model as of ${asOf}: ${report.examples} examples, ${report.positives} churned; held-out AUC ${report.auc}, top-decile lift ${report.topDecileLift}\n`)
          for (const f of report.features) process.stdout.write(`  ${f.name.padEnd(22)} ${f.weight}\n`)
        }
        return 0
      }
      const out = tableWriter(format!, SCORE_COLUMNS)
      await out.begin()
      const count = await exportScores(db, (rows) => out.rows(rows))
      await out.end()
      process.stderr.write(`${count} scores\n`)
      return 0
    } finally {
      await db.$disconnect()
    }
  },
}

export default command
