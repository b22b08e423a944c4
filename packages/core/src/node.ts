export { BODY_TIMEOUT_MS } from './body-timeout.js';
export type { NodeDelivery, NodeHandlerOptions, NodeReceiver } from './node-answer.js';
export {
  answerNodeRequest,
  createNodeHandler,
  handleNodeRequest,
  isRequestStreamError,
  RequestStreamError,
} from './node-answer.js';
export type { ReadNodeBodyOptions } from './node-body.js';
export { readNodeBody } from './node-body.js';
