// What a request's `observe` callback receives: the wire-event vocabulary of shared/wire-events.ts,
// which the service and the view share. `t` is performance.now() when the event happened. `data`
// views are valid during the callback only: copy what you keep.
import type { WireEvent } from '../../shared/wire-events';

export type { TlsSummary, UploadStopped, WireEvent } from '../../shared/wire-events';

export type Observer = (event: WireEvent) => void;
