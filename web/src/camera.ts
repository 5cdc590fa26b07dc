// The camera: getUserMedia -> a canvas -> the luma plane of one frame
// (with its row stride) -> the app's CameraFrame event. One frame in
// flight: the next is taken only after the app answered the last.

export type FrameSink = (luma: Uint8Array, width: number, height: number, stride: number) => void;

export class Camera {
  private stream: MediaStream | null = null;
  private video: HTMLVideoElement | null = null;
  private canvas = document.createElement("canvas");
  private on = false;
  private timer: number | null = null;

  constructor(private sink: FrameSink) {}

  /// The live preview element (null while off).
  preview(): HTMLVideoElement | null {
    return this.video;
  }

  async start(): Promise<void> {
    if (this.on) return;
    this.on = true;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
    } catch {
      this.on = false;
      return;
    }
    if (!this.on) {
      this.stop();
      return;
    }
    const v = document.createElement("video");
    v.muted = true;
    v.playsInline = true;
    v.srcObject = this.stream;
    v.setAttribute("aria-hidden", "true");
    this.video = v;
    await v.play().catch(() => undefined);
    this.schedule();
  }

  stop(): void {
    this.on = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    this.video = null;
  }

  /// Called by the shell once the app answered the last frame.
  next(): void {
    if (this.on) this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.grab(), 100);
  }

  private grab(): void {
    this.timer = null;
    const v = this.video;
    if (!this.on || !v || v.videoWidth === 0) {
      if (this.on) this.schedule();
      return;
    }
    const w = v.videoWidth;
    const h = v.videoHeight;
    this.canvas.width = w;
    this.canvas.height = h;
    const ctx = this.canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) return;
    ctx.drawImage(v, 0, 0, w, h);
    const rgba = ctx.getImageData(0, 0, w, h).data;
    this.sink(toLuma(rgba, w, h), w, h, w);
  }
}

/// BT.601 luma of RGBA pixels, one byte a pixel, rows of `width` bytes.
export function toLuma(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < out.length; i += 4, j++) {
    out[j] = (77 * rgba[i] + 150 * rgba[i + 1] + 29 * rgba[i + 2]) >> 8;
  }
  return out;
}
