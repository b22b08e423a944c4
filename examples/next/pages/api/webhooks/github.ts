import { createPagesApiHandler } from '@hookgate/next';
import { receivers } from '../../../lib/receivers.js';

// Pages Router: Next.js's body parser must be off, or the raw bytes are gone.
export const config = { api: { bodyParser: false } };
export default createPagesApiHandler(receivers.github);
