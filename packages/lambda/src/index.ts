export type {
  AlbEvent,
  AlbResult,
  ApiGatewayResult,
  ApiGatewayV1Event,
  ApiGatewayV2Event,
  LambdaEventKind,
  LambdaHttpEvent,
  LambdaMultiValueMap,
  LambdaStringMap,
  PayloadV1Fields,
} from './events.js';
export type { LambdaHandlerOptions, LambdaReceiver, LambdaWebhookHandler } from './lambda-handler.js';
export { createLambdaHandler } from './lambda-handler.js';
