#!/usr/bin/env node
// The aidge-tasks command: runs the built CLI (npm run build first).
'use strict'
const path = require('node:path')
let cli
try {
  cli = require(path.join(__dirname, '../out/main/cli.js'))
} catch (e) {
  process.stderr.write(`aidge-tasks: the CLI is not built (${e.code || e.message}); run \`npm run build\` first\n`)
  process.exit(2)
}
cli.main(process.argv.slice(2)).then((code) => {
  // Exit once output is flushed, so no stray handle (a keyring connection) keeps the process alive.
  process.stdout.write('', () => process.exit(code))
})
