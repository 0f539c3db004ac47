// The message a selected frame belongs to, for the Explain panel: the request's method and fields;
// for a response frame, the head it is part of (an interim one, or the final one with the core's
// framing decision), found by where the frame starts.
import type { MessageContext } from '../../shared/explain';
import type { Direction, Frame } from '../../shared/frames';
import { fieldsAt, type ExchangeView } from '../store/exchange-view';

export function messageContext(view: ExchangeView, direction: Direction, frame: Frame): MessageContext {
  if (direction === 'tx')
    return { direction, method: view.method, fields: fieldsAt(view.frames.tx, view.headerFrames.tx) };
  const final = view.finalOffset ?? Infinity;
  if (frame.start < final) {
    // The last interim head that starts at or before the frame, if any.
    const interim = view.interim.findLast((row) => row.offset <= frame.start);
    if (interim)
      return {
        direction,
        method: view.method,
        code: interim.code,
        interim: true,
        fields: fieldsAt(view.frames.rx, interim.headerFrames),
      };
  }
  return {
    direction,
    method: view.method,
    ...(view.code === null ? {} : { code: view.code }),
    ...(view.version ? { version: view.version } : {}),
    fields: fieldsAt(view.frames.rx, view.headerFrames.rx),
    framing: view.framing,
  };
}
