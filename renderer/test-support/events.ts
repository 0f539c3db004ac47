// Test fixtures of the event vocabulary: what a response head's framing says when a test does not care.
import type { FramingDecision } from '../../shared/wire-events';

/** A body framed by its Content-Length (RFC 9112 section 6.3, rule 6), on a connection that may be reused. */
export const LENGTH_FRAMING: FramingDecision = {
  body: 'length',
  length: 0,
  rule: 6,
  because: 'by length: Content-Length gives 0 bytes, and there is no Transfer-Encoding',
  reusable: true,
};
