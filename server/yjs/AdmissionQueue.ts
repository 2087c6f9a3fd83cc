import type { RawData, WebSocket } from 'ws';
import { MAX_ADMISSION_QUEUE_BYTES, MAX_ADMISSION_QUEUE_FRAMES } from '../../shared/limits.js';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import type { Logger } from '../log.js';

type FrameHandler = (data: RawData, isBinary: boolean) => void;

/**
 * A websocket's listeners from the moment of the upgrade: frames that arrive while the server is still
 * admitting the socket (session, board, document load: each an await on the store) are queued, bounded in
 * count and bytes, and handed to the connection in order once it is open. A close during admission is
 * noticed (`isOpen`), so admission can give back what it acquired instead of leaving a ghost peer.
 *
 * The stock y-websocket provider sends its sync step 1, its awareness and any local edits as soon as the
 * socket opens: without this queue those frames were dropped and it never finished syncing.
 */
export class AdmissionQueue {
  private frames: Array<{ data: RawData; isBinary: boolean }> = [];
  private queuedBytes = 0;
  private handler: FrameHandler | null = null;
  private onClose: (() => void) | null = null;
  private isClosed = false;

  constructor(
    readonly ws: WebSocket,
    private readonly log: Logger,
  ) {
    ws.on('message', (data: RawData, isBinary: boolean) => this.receive(data, isBinary));
    ws.on('close', () => {
      this.isClosed = true;
      this.frames = [];
      this.onClose?.();
    });
    // Without a listener an 'error' event would throw; a reset connection is ordinary on phones.
    ws.on('error', (error) => this.log.info({ err: error }, 'websocket error'));
  }

  /** False once the client closed (or began closing) the socket, or the server did. */
  get isOpen(): boolean {
    return !this.isClosed && this.ws.readyState === this.ws.OPEN;
  }

  /** Frames waiting for admission (for tests and logs). */
  get queuedFrames(): number {
    return this.frames.length;
  }

  /** Runs `onClose` when the socket closes (at once if it already has). */
  whenClosed(onClose: () => void): void {
    this.onClose = onClose;
    if (this.isClosed) onClose();
  }

  /** Hands the frames to the connection: the queued ones first, in the order they came, then each as it arrives. */
  deliverTo(handler: FrameHandler): void {
    this.handler = handler;
    const queued = this.frames;
    this.frames = [];
    this.queuedBytes = 0;
    for (const frame of queued) {
      if (!this.isOpen) return;
      handler(frame.data, frame.isBinary);
    }
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.handler) return this.handler(data, isBinary);
    if (!this.isOpen) return;
    this.queuedBytes += byteLengthOf(data);
    this.frames.push({ data, isBinary });
    if (this.frames.length <= MAX_ADMISSION_QUEUE_FRAMES && this.queuedBytes <= MAX_ADMISSION_QUEUE_BYTES) return;
    // An honest client sends a handful of frames before it hears from us; this one is flooding.
    this.frames = [];
    this.queuedBytes = 0;
    this.ws.close(CLOSE_CODES.rateLimited.code, 'too many messages before the connection was open');
  }
}

function byteLengthOf(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.byteLength, 0);
  return data.byteLength;
}
