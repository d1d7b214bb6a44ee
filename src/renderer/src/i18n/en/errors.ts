// Words for the errors main reports as a code and its data (src/renderer/src/lib/errorText.ts).
export default {
  NO_IDS: 'No task ids found in the text.',
  TOO_MANY_IDS: 'The text holds {{count, number}} task ids; add at most {{max, number}} at a time.',
  notFound: {
    task: 'Task {{taskId}} is not in the history.',
    image: 'Task {{taskId}} has no image {{n}}.',
    file: 'Image {{n}} of task {{taskId}} has not been downloaded.',
    batch: 'That download is no longer known; its files are in the folder it was saved to.',
    other: 'That is no longer there.'
  },
  folderNotChosen: {
    download: 'Choose the download folder with the folder dialog first.',
    defaultDownload: 'Choose the default download folder with the folder dialog first.'
  },
  INVALID_TEMPLATE: '{{field}}: {{problem}}.',
  INVALID_TASK_ID: 'Invalid task id {{taskId}}: {{problem}}.',
  notATaskId: 'not a task id',
  INVALID_ENDPOINT: 'The endpoint is not usable: {{detail}}',
  ENDPOINT_CHANGE_PENDING: 'Answer the open question about {{host}} first.',
  ENDPOINT_NOT_CONFIRMED: 'Requests still go to the current server: sending them to {{host}} was not confirmed.',
  theServer: 'the server',
  theNewServer: 'the new server',
  EXPORT_PATH_NOT_CHOSEN: 'Choose where to export with the save dialog.',
  EXPORT_EXTENSION: 'An export in {{format}} is saved only under a name ending in .{{ext}}; nothing was written.',
  TOO_MANY_BATCHES: '{{max, number}} downloads are already running or waiting; start this one when some have finished.',
  DOWNLOAD_CONCURRENCY_ABOVE_MAX: 'Files downloaded at once to start with ({{concurrency, number}}) cannot be more than at most ({{maxConcurrency, number}}).',
  INVALID_PAYLOAD: 'The app refused a request from this window ({{detail}})',
  PAYLOAD_TOO_LARGE: 'The app refused a request from this window: it is too large.',
  UNTRUSTED_SENDER: 'The app refused a request that did not come from its window.',
  ENOSPC: 'The disk is full.',
  DISK_FULL: 'The disk is full: the history cannot be saved in {{folder}}. Free some space and try again.',
  DISK_FULL_FREE: 'The disk is full: the history cannot be saved in {{folder}} ({{free}} free). Free some space and try again.',
  historyProblem: 'The history file cannot be used ({{code}}): {{detail}}',
  ENOENT: 'That file or folder does not exist.',
  EACCES: 'That file or folder cannot be written (permission denied).',
  INTERNAL: 'Something went wrong in the app; the details are in its log.',
  UNKNOWN_CHANNEL: 'Unknown request.',
  NO_BRIDGE: 'This window is not connected to the app. Start Aidge Task Desk from its launcher.',
  IPC_FAILED: 'The app did not answer. Try again in a moment.',
  BAD_RESULT: 'The app sent an answer the window does not understand.',
  NOT_A_URL: 'That is not a URL.',
  HTTPS_ONLY: 'Only https links are opened.',
  LINK_NOT_ALLOWED: 'Only links to the Aidge documentation and console and to this app’s own pages are opened.',
  DROP_SIZE: '{{name}}: photos are at most 4 MB (and fit reads at most 64 MB).',
  PHOTO_NOT_CHOSEN: 'Add photos with the file dialog or by dropping them on the window.',
  NOT_UNKNOWN: 'That photo no longer has an unknown outcome.',
  BAD_PARAMS: 'The parameters are not accepted: {{detail}}',
  credentials: {
    keychain: 'The system keychain did not answer: {{detail}}',
    other: 'The access key cannot be saved: {{detail}}'
  },
  // the local checks of a photo before any paid call (InputProblem)
  photo: {
    unreadable: {
      ENOENT: 'The photo {{path}} cannot be read: it does not exist.',
      EISDIR: 'The photo {{path}} cannot be read: it is a folder.',
      EACCES: 'The photo {{path}} cannot be read: permission denied.',
      other: 'The photo {{path}} cannot be read: {{detail}}'
    },
    damaged: 'The {{format}} file is damaged or cut short.',
    notImage: 'The file is not an image the vendor accepts (JPEG, PNG, BMP or WEBP).',
    otherType: 'The photo is not JPEG, PNG, BMP or WEBP (the types the vendor accepts).',
    tooBig: 'The photo is {{size}}; the limit is 4 MB.',
    tooBigToRead: 'The file is {{size}}; photos are at most 4 MB (and fit reads at most 64 MB).',
    pixels: 'The photo is {{width}}x{{height}} pixels; it must be larger than {{min}}x{{min}} and smaller than {{max}}x{{max}} pixels.',
    cannotFit: 'The photo ({{width}}x{{height}}) cannot be brought to at most 4 MB while staying larger than {{min}}x{{min}} and smaller than {{max}}x{{max}} pixels.',
    url: {
      NOT_A_URL: '{{url}}: not a URL.',
      NOT_HTTP: '{{url}}: only http and https URLs can be given to the vendor.',
      TOO_LONG: '{{url}}: longer than 2048 characters.'
    },
    storedParams: 'The stored parameters of this photo are unreadable; choose them again.'
  }
} as const
