// The simulated submit API over real HTTP: both answer forms, the documented input checks (700 naming the field),
// 701, content errors, the submit rate limit, the lost answer, the balance spent per generated image.
import { describe, expect, it } from 'vitest'
import { makeBmp, makePhoto, sha256 } from '../submit/photos'
import { BALANCE_API, EXHAUSTED_MESSAGE, QUERY_API, SUBMIT_API, type Simulator } from './index'
import { callApi } from './signing'
import { simulatorsForTest } from './testSimulators'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const { start, creds } = simulatorsForTest()
const SAMPLE = { imageUrl: '', imageBase64: '', imageStyle: 'realPhoto', model: 'WHITE', gender: 'FEMALE', age: 'YOUTH', bgStyle: 'room', dimension: '768', count: '2', maskKeepBg: 'true' }

async function submit(sim: Simulator, body: Record<string, unknown>, opts: { trial?: boolean } = {}): Promise<Json> {
  const res = await callApi(sim.url, SUBMIT_API, body, creds(sim), opts)
  expect(res.status).toBe(200)
  return (await res.json()) as Json
}

async function balance(sim: Simulator, apiPath = SUBMIT_API): Promise<number> {
  return ((await (await callApi(sim.url, BALANCE_API, { apiPath }, creds(sim))).json()) as Json).data.balance
}

describe('submit API', () => {
  it('creates a task from Base64 that runs its lifecycle with count images, answered at data.result.taskId', async () => {
    const sim = await start()
    const photo = await makePhoto({ width: 600, height: 700 })
    const body = await submit(sim, { ...SAMPLE, imageBase64: photo.toString('base64'), count: '3' })
    expect(body).toMatchObject({ success: true, resCode: 200, requestId: expect.any(String), data: { result: { taskId: expect.any(String) } } })
    const taskId = body.data.result.taskId as string
    expect(sim.getTask(taskId)).toMatchObject({ status: 'submitted', imageCount: 3 })
    expect(sim.stats()).toMatchObject({ submitCalls: 1, tasksCreated: 1, createdByInput: { [sha256(photo)]: 1 } })
    let last: Json = {}
    for (let i = 0; i < 4; i++) last = (await (await callApi(sim.url, QUERY_API, { taskId }, creds(sim))).json()) as Json
    expect(last.data).toMatchObject({ taskStatus: 'finished', taskResult: [{ width: 768, height: 768 }, {}, {}] })
  })

  it('answers at data.taskId in the flat form, and accepts numbers and booleans as the Java library sends them', async () => {
    const sim = await start({ submitAnswer: 'flat' })
    const body = await submit(sim, { ...SAMPLE, imageBase64: (await makePhoto()).toString('base64'), count: 1, maskKeepBg: false })
    expect(body.data).toEqual({ taskId: expect.any(String) })
    expect(sim.getTask(body.data.taskId)?.imageCount).toBe(1)
  })

  it('downloads an imageUrl only from its own /files/; any other URL or a missing file is 701', async () => {
    const sim = await start()
    const photo = await makePhoto({ format: 'png' })
    const url = sim.hostFile('shirt.png', photo)
    expect((await submit(sim, { ...SAMPLE, imageUrl: url })).success).toBe(true)
    const missing = await submit(sim, { ...SAMPLE, imageUrl: `${sim.url}/files/nothing.png` })
    expect(missing).toMatchObject({ success: false, resCode: 701, resMessage: expect.stringContaining('imageUrl') })
    expect((await submit(sim, { ...SAMPLE, imageUrl: 'https://example.invalid/a.jpg' })).resCode).toBe(701)
    // Base64 wins when both are given: the bad URL is never looked at.
    expect((await submit(sim, { ...SAMPLE, imageUrl: 'https://example.invalid/a.jpg', imageBase64: photo.toString('base64') })).success).toBe(true)
    expect(sim.stats().tasksCreated).toBe(2)
  })

  it('checks every documented input rule with 700 naming the field', async () => {
    const sim = await start()
    const ok = (await makePhoto()).toString('base64')
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...SAMPLE }, 'imageUrl or imageBase64'],
      [{ ...SAMPLE, imageBase64: ok, imageStyle: 'cartoon' }, 'imageStyle'],
      [{ ...SAMPLE, imageBase64: ok, model: 'universal_model_1' }, 'model'],
      [{ ...SAMPLE, imageBase64: ok, gender: 'OTHER' }, 'gender'],
      [{ ...SAMPLE, imageBase64: ok, count: '0' }, 'count'],
      [{ ...SAMPLE, imageBase64: ok, count: 'two' }, 'count'],
      [{ ...SAMPLE, imageBase64: ok, dimension: 'big' }, 'dimension'],
      [{ ...SAMPLE, imageBase64: ok, age: ' ' }, 'age'],
      [{ ...SAMPLE, imageBase64: ok, maskKeepBg: 'yes' }, 'maskKeepBg'],
      [{ ...SAMPLE, imageBase64: '###' }, 'imageBase64 is not valid Base64'],
      [{ ...SAMPLE, imageBase64: (await makePhoto({ format: 'gif' })).toString('base64') }, 'imageBase64 is not a JPEG, PNG, BMP or WEBP'],
      [{ ...SAMPLE, imageBase64: (await makePhoto({ width: 512, height: 900 })).toString('base64') }, 'larger than 512x512'],
      [{ ...SAMPLE, imageBase64: (await makePhoto({ width: 3000, height: 600 })).toString('base64') }, 'smaller than 3000x3000'],
      [{ ...SAMPLE, imageBase64: (await makePhoto({ width: 1400, height: 1100, noise: true, format: 'png' })).toString('base64') }, 'at most 4 MB']
    ]
    for (const [body, field] of cases) {
      const answer = await submit(sim, body)
      expect(answer, field).toMatchObject({ success: false, resCode: 700 })
      expect(answer.resMessage, field).toContain(field)
    }
    expect(sim.stats().tasksCreated).toBe(0)
    // Every accepted format: JPEG, PNG, WEBP, BMP.
    for (const b of [await makePhoto({ format: 'png' }), await makePhoto({ format: 'webp' }), makeBmp(520, 530)]) {
      expect((await submit(sim, { ...SAMPLE, imageBase64: b.toString('base64') })).success).toBe(true)
    }
  })

  it('content errors and the lost answer by fault, aimed at one input', async () => {
    const sim = await start()
    const a = await makePhoto({ seed: 1 })
    const b = await makePhoto({ seed: 2 })
    for (const resCode of [1000, 1001, 1002]) {
      sim.fault({ kind: 'business', resCode, apiPath: SUBMIT_API, input: sha256(a), times: 1 })
      expect((await submit(sim, { ...SAMPLE, imageBase64: a.toString('base64') })).resCode).toBe(resCode)
    }
    sim.fault({ kind: 'lostAnswer', apiPath: SUBMIT_API, input: sha256(b), times: 1 })
    await expect(submit(sim, { ...SAMPLE, imageBase64: b.toString('base64') })).rejects.toThrow()
    // The lost answer still created its task.
    expect(sim.stats()).toMatchObject({ tasksCreated: 1, createdByInput: { [sha256(b)]: 1 } })
    expect(sim.stats().log.at(-1)?.outcome).toBe('fault:lostAnswer')
  })

  it('limits submits per second with 501, apart from queries', async () => {
    const sim = await start({ submitQpsLimit: 2, tasks: [{ id: 'q' }] })
    const photo = (await makePhoto()).toString('base64')
    const answers = await Promise.all([1, 2, 3].map(() => submit(sim, { ...SAMPLE, imageBase64: photo })))
    expect(answers.map((a) => a.resCode).sort()).toEqual([200, 200, 501])
    expect(((await (await callApi(sim.url, QUERY_API, { taskId: 'q' }, creds(sim))).json()) as Json).success).toBe(true)
  })

  it('spends the submit balance per generated image, not per call; trial calls spend none; too little left is NoResource', async () => {
    const sim = await start({ submitBalance: 5 })
    const photo = (await makePhoto()).toString('base64')
    expect(await balance(sim)).toBe(5)
    await submit(sim, { ...SAMPLE, imageBase64: photo, count: '2' })
    expect(await balance(sim)).toBe(3)
    await submit(sim, { ...SAMPLE, imageBase64: photo, count: '2' }, { trial: true })
    expect(await balance(sim)).toBe(3)
    expect(await balance(sim, QUERY_API)).toBe(1000)
    const tooMany = await submit(sim, { ...SAMPLE, imageBase64: photo, count: '4' })
    expect(tooMany).toMatchObject({ code: 'NoResource', message: EXHAUSTED_MESSAGE })
    expect(sim.stats().tasksCreated).toBe(2)
  })
})
