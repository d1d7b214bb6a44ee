// The add box in the sidebar and its outcome.
export default {
  title: 'Add tasks',
  inputLabel: 'Task ids to add',
  placeholder: 'Paste task ids, or any text that contains them',
  hint: 'One per line, comma separated, CSV, JSON or a pasted log.',
  noneYet: 'No task ids found yet.',
  found_one: '{{count, number}} id found',
  found_other: '{{count, number}} ids found',
  repeated: '{{found}} · {{count, number}} repeated',
  addOne: 'Add task',
  addMany: 'Add {{count, number}} tasks',
  importFile: 'Import file…',
  importLabel: 'Import task ids from a file',
  dismiss: 'Dismiss'
} as const
