import { z } from 'zod';
import { boundedText } from './bounded-text.js';

/**
 * inspectModel's arguments, in a module of their own so that `edgelab inspect` validates its path
 * with the schema every face uses without building every other request schema first.
 */
export const InspectModelRequestSchema = z.strictObject({ path: boundedText('path').min(1) });
