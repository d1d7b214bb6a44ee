// Public surface of the Aidge simulator (test/sim). Start one with startSimulator(); sign raw requests with
// signForTest / callApi; compare gateway answers with GATEWAY_CODES.
export { startSimulator } from './simulator'
export type { Simulator, SimConfig } from './simulator'
export {
  GATEWAY_CODES,
  GATEWAY_ERROR_HTTP_STATUS,
  EXHAUSTED_MESSAGE,
  BUSINESS_MESSAGES,
  QUERY_API,
  BALANCE_API
} from './gateway'
export { OSS_ACCESS_KEY_ID, OSS_BUCKET } from './oss'
export { API_FAULT_KINDS, IMAGE_FAULT_KINDS } from './faults'
export type { ActiveFault } from './faults'
export type { FarStoreSpec } from './farStore'
export { autoTaskSpec } from './tasks'
export { SUBMIT_API, MODELS, MAX_INPUT_BYTES, inputKeyOf } from './submit'
export { signForTest, signedParams, signedApiUrl, callApi, verifySign } from './signing'
export type { TestCredentials, RawCallOptions } from './signing'
export type * from './types'
