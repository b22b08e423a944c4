export type { NodeDelivery, NodeHandlerOptions, NodeReceiver } from './node-answer.js';
export { answerNodeRequest, createNodeHandler, handleNodeRequest } from './node-answer.js';
export type { ReadNodeBodyOptions } from './node-body.js';
export { BODY_TIMEOUT_MS, readNodeBody } from './node-body.js';
