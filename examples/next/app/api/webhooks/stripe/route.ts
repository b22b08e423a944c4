import { createRouteHandler } from '@hookgate/next';
import { receivers } from '../../../../lib/receivers.js';

// App Router on the Node.js runtime, the default (no `runtime` export; the one to use on Next.js 16,
// which deprecates the edge runtime): the route handler reads the web Request's raw bytes.
export const POST = createRouteHandler(receivers.stripe);
