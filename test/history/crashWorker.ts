// Child process for crash.test.ts: writes batches of tasks forever, one transaction per batch, and reports each
// commit on stdout, until the test kills it with SIGKILL.
// usage: node --import tsx crashWorker.ts <dataDir> <run> <batchSize>
import { openHistoryStore } from '../../src/main/history'

const [dataDir, run, batchSizeArg] = process.argv.slice(2)
if (!dataDir || !run || !batchSizeArg) throw new Error('usage: crashWorker.ts <dataDir> <run> <batchSize>')
const batchSize = Number(batchSizeArg)
const store = openHistoryStore({ dataDir })
process.stdout.write('ready\n')

for (let batch = 0; ; batch++) {
  store.batch(() => {
    const ids = Array.from({ length: batchSize }, (_, i) => `run${run}-b${batch}-t${i}`)
    store.addTasks(ids)
    // more statements per transaction (updates, FTS and image triggers), so a kill lands mid-batch
    for (const id of ids) {
      store.recordQuery(id, {
        status: 'finished',
        message: `batch ${batch} of run ${run}`,
        images: [{ url: `https://h/${id}-0.png?Expires=2000000000` }, { url: `https://h/${id}-1.png` }],
        requestId: `req-${id}`,
        raw: { data: { taskId: id, filler: 'x'.repeat(500) } }
      })
    }
  })
  process.stdout.write(`committed ${run} ${batch}\n`)
}
