import { createRouteHandler } from '@hookgate/next';
import { receivers } from '../../../../lib/receivers.js';

// App Router on the edge runtime: verification runs on Web Crypto. Next.js 16 deprecates the edge
// runtime (a build warning since 16.3; the Node.js runtime is the default and the one to use):
// this route stays, and stays tested, for apps that still deploy there, while Next.js builds it.
export const runtime = 'edge';
export const POST = createRouteHandler(receivers.standard);
