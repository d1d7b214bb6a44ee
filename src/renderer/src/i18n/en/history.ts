// The history dialogs: export the list, clear old finished tasks.
export default {
  exportTitle: 'Export the list',
  scopeAll: 'all tasks',
  scopeStatus: '{{status}} tasks',
  scopeAllMatching: 'all tasks matching “{{search}}”',
  scopeStatusMatching: '{{status}} tasks matching “{{search}}”',
  exportsCount: 'Exports {{scope}} ({{count, number}}), as the list shows them now. You choose where to save next.',
  exports: 'Exports {{scope}}, as the list shows them now. You choose where to save next.',
  format: 'Format',
  csv: 'CSV (spreadsheets)',
  json: 'JSON',
  withUrls: 'Include image links',
  withUrlsHint: 'Signed links that expire; anyone with them can open the images.',
  exporting: 'Exporting…',
  export: 'Export…',
  clearTitle: 'Clear old finished tasks',
  clearText: 'Removes finished and failed tasks from the history. Downloaded files stay on disk. This cannot be undone.',
  finishedMoreThan: 'Finished more than',
  daysAgo: 'days ago',
  daysInvalid: 'Enter a number of days from 0 to 36500.',
  removing: 'Removing…',
  remove: 'Remove tasks'
} as const
