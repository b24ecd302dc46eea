/**
 * The pane's Content-Security-Policy forbids eval: zod must not even probe for it (the probe alone is reported as
 * a violation). Imported first by engine.ts, so that it runs before any schema is built.
 */
import { z } from 'zod';

z.config({ jitless: true });
