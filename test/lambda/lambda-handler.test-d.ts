import { createReceiver } from '@hookgate/core';
import { type AlbResult, type ApiGatewayResult, createLambdaHandler } from '@hookgate/lambda';
import { stripe } from '@hookgate/signatures';
import type {
  ALBEvent,
  ALBHandler,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyHandler,
  APIGatewayProxyHandlerV2,
  LambdaFunctionURLHandler,
} from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';

const handler = createLambdaHandler(createReceiver({ scheme: stripe({ secret: 'whsec_types' }) }));

describe('createLambdaHandler types', () => {
  it('fits the @types/aws-lambda handler types of every supported source', () => {
    expectTypeOf(handler).toExtend<APIGatewayProxyHandler>();
    expectTypeOf(handler).toExtend<APIGatewayProxyHandlerV2>();
    expectTypeOf(handler).toExtend<LambdaFunctionURLHandler>();
    expectTypeOf(handler).toExtend<ALBHandler>();
  });

  it('answers each event type with its own result type', () => {
    expectTypeOf(handler).toBeCallableWith({} as APIGatewayProxyEvent);
    expectTypeOf(handler({} as APIGatewayProxyEventV2)).resolves.toEqualTypeOf<ApiGatewayResult>();
    expectTypeOf(handler({} as ALBEvent)).resolves.toEqualTypeOf<AlbResult>();
    expectTypeOf<AlbResult>().toExtend<ALBResult>();
    // @ts-expect-error an S3 event is not an HTTP event
    handler({ Records: [] });
  });
});
