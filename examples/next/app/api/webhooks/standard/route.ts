import { createRouteHandler } from '@hookgate/next';
import { receivers } from '../../../../lib/receivers.js';

// App Router on the edge runtime: verification runs on Web Crypto.
export const runtime = 'edge';
export const POST = createRouteHandler(receivers.standard);
