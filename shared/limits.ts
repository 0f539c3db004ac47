// Sizes both sides of the contract must agree on, written once.

/** The first bytes of each direction that batches carry live, and that a page shows before it asks for more. */
export const PREVIEW_BYTES = 256 * 1024;

/** The most bytes one readBytes call returns (a page asks again for the rest). */
export const MAX_READ_BYTES = 4 * 1024 * 1024;
