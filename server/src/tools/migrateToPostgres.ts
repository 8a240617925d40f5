// Command line: `pnpm migrate:postgres -- --from ./data --to postgres://…` copies a SQLite board set
// into an empty PostgreSQL database (see copyToPostgres). Exit code 0 when copied, 1 otherwise.

import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { copyToPostgres } from './copyToPostgres.js'

const USAGE = 'usage: migrate-to-postgres --from <DATA_DIR> --to <postgres://…>'

async function run(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } },
  })
  if (values.help || !values.from || !values.to) {
    process.stderr.write(`${USAGE}\n`)
    return values.help ? 0 : 1
  }
  // pnpm runs scripts in the package folder; a relative path means the caller's folder.
  const from = resolve(process.env.INIT_CWD ?? process.cwd(), values.from)
  const result = await copyToPostgres({ from, to: values.to })
  if (!result.ok) {
    process.stderr.write(`migrate-to-postgres: ${result.error}\n`)
    return 1
  }
  const s = result.value
  process.stdout.write(
    `Copied ${s.boards} board(s): ${s.snapshots} snapshot(s), ${s.updates} update row(s), ${s.invites} invite(s), ` +
      `${s.members} member(s), ${s.decisions} decision(s), ${s.activity} activity entr${s.activity === 1 ? 'y' : 'ies'}, ` +
      `${s.versions} version(s), ` +
      `${s.meta} meta value(s)${s.secret ? ', and the token secret (existing links keep working)' : ''}.\n`,
  )
  if (s.skippedTables.length > 0) {
    process.stderr.write(
      `migrate-to-postgres: not copied (unknown to this version): ${s.skippedTables.join(', ')}\n`,
    )
  }
  return 0
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`migrate-to-postgres: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
