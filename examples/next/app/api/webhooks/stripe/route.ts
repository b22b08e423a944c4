import { createRouteHandler } from '@hookgate/next';
import { receivers } from '../../../../lib/receivers.js';

// App Router, Node.js runtime: the route handler reads the web Request's raw bytes.
export const POST = createRouteHandler(receivers.stripe);
