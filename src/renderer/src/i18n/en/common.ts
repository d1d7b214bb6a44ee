// Words many views share: the product, buttons, placeholders.
export default {
  appName: 'Aidge Task Desk',
  none: '—',
  close: 'Close',
  cancel: 'Cancel',
  notifications: 'Notifications',
  dismiss: 'Dismiss notification',
  tryAgain: 'Try again',
  starting: 'Starting…',
  couldNotStart: 'The app could not start: {{reason}}',
  offline: 'Track Virtual Model Alternation tasks, browse their results, download them in batches. This window is not connected to the app: start Aidge Task Desk from its launcher.',
  tasksRegion: 'Tasks',
  dropPhotos: 'Drop garment photos or a folder of them',
  dropIdFile: 'Drop a .txt, .csv or .json file to add its task ids',
  images_one: '{{count, number}} image',
  images_other: '{{count, number}} images',
  tasks_one: '{{count, number}} task',
  tasks_other: '{{count, number}} tasks'
} as const
