// Public surface of the submission service. Plain Node: no 'electron' import anywhere under this folder.
export { SubmitService, BALANCE_AUTO_INTERVAL_MS, type SubmitServiceDeps } from './service'
export { inspectPhoto, photosInFolder, stageDroppedPhoto, taskInputView } from './inspect'
export { SubmitQueue, DEFAULT_SUBMIT_OPTIONS, type SubmitQueueOptions } from './queue'
export { SubmitJournal, newOwner, ownerAlive, type NewSubmission } from './journal'
export { checkPhoto, sniffInputFormat, sha256Hex, thumbnailOf, type CheckedPhoto } from './photoCheck'
export { badUrl, prepareInput, urlProblem, MAX_READ_BYTES, type Prepared, type UrlProblem } from './prepare'
export { submitVerdict, type SubmitVerdict } from './verdict'
export { submitOptionsOf } from './settings'
