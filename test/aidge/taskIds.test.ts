import { describe, expect, it } from 'vitest'
import { extractTaskIds, TaskIdError, taskIdProblem, validateTaskId, MAX_TASK_ID_LENGTH } from '../../src/shared/taskIds'

describe('task id validation', () => {
  it('accepts the vendor sample id and other printable ids', () => {
    expect(validateTaskId('4dcfa662-d5b3-48d5-842e-a87f70ac1522')).toBe('4dcfa662-d5b3-48d5-842e-a87f70ac1522')
    expect(taskIdProblem('sim_task-0001')).toBeNull()
  })

  it.each([
    ['', /empty/],
    ['a'.repeat(MAX_TASK_ID_LENGTH + 1), /129 characters long; at most 128/],
    ['abc def', /white space at position 4/],
    ['abc\tdef', /control character at position 4/],
    ['abc\u0000', /control character at position 4/],
    ['\u00a0abc', /white space at position 1/]
  ])('rejects %j with a specific message', (id, why) => {
    expect(() => validateTaskId(id)).toThrow(TaskIdError)
    expect(() => validateTaskId(id)).toThrow(why)
  })

  it('rejects non-strings', () => {
    expect(() => validateTaskId(42)).toThrow(/must be a string/)
  })

  it('shortens a long id in the message', () => {
    try {
      validateTaskId('x'.repeat(500))
      expect.unreachable()
    } catch (e) {
      expect((e as Error).message.length).toBeLessThan(160)
    }
  })
})

describe('extracting ids from pasted text', () => {
  it('takes UUIDs out of messy text, de-duplicated, in order, lower-cased', () => {
    const text = `Task 4DCFA662-D5B3-48D5-842E-A87F70AC1522 finished;
      "taskId": "0b7e1c2a-1111-4222-8333-444455556666", again 4dcfa662-d5b3-48d5-842e-a87f70ac1522`
    expect(extractTaskIds(text)).toEqual({
      ids: ['4dcfa662-d5b3-48d5-842e-a87f70ac1522', '0b7e1c2a-1111-4222-8333-444455556666'],
      duplicates: 1
    })
  })

  it('takes id-like tokens with digits when there are no UUIDs, skipping plain words and short numbers', () => {
    expect(extractTaskIds('sim-task-0001, sim-task-0002\nfinished running 12345 sim-task-0001').ids).toEqual([
      'sim-task-0001',
      'sim-task-0002'
    ])
  })

  it('finds nothing in text without ids', () => {
    expect(extractTaskIds('hello world, nothing here').ids).toEqual([])
  })
})

describe('one id per line', () => {
  it('takes every line when each is a single id, even without digits', () => {
    expect(extractTaskIds('sample-slow\r\nsample-failed\n\n  sample-slow  \n').ids).toEqual(['sample-slow', 'sample-failed'])
  })
})
