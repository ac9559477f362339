/**
 * What the screenshot tests need beyond a browser: a real X display (Xvfb) so the browser runs
 * headful and takes real key presses (xdotool) for its shortcuts, which grant activeTab as a
 * person's would; pages of known colours; and a way to read pixels out of uploaded bytes.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Display {
  display: string;
  stop(): Promise<void>;
}

/** Starts Xvfb on a free display number and sets DISPLAY for browsers launched after it. */
export async function startXvfb(): Promise<Display> {
  for (let n = 90 + (process.pid % 50); ; n++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const proc: ChildProcess = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!existsSync(`/tmp/.X11-unix/X${n}`)) {
      if (proc.exitCode !== null || Date.now() > deadline) throw new Error('Xvfb did not start (is the xvfb package installed? npm run browsers installs it)');
      await new Promise((r) => setTimeout(r, 100));
    }
    const display = `:${n}`;
    process.env.DISPLAY = display;
    // A headful browser's sound library makes a "pulse-…" folder in the temp folder when it has no
    // runtime folder of its own; it gets one here, removed with the display (the run must leave none).
    const pulse = mkdtempSync(join(tmpdir(), 'e2e-pulse-'));
    process.env.PULSE_RUNTIME_PATH = pulse;
    return {
      display,
      async stop() {
        if (proc.exitCode === null) {
          const exited = new Promise((r) => proc.once('exit', r));
          proc.kill('SIGTERM');
          await exited;
        }
        rmSync(pulse, { recursive: true, force: true });
      },
    };
  }
}

/**
 * Presses keys as a person would, after a click on the page at `at` that gives its window the
 * keyboard (there is no window manager to do it after another window closed).
 */
export async function pressKeys(display: string, keys: string, at = { x: 640, y: 450 }): Promise<void> {
  const env = { ...process.env, DISPLAY: display };
  await run('xdotool', ['mousemove', String(at.x), String(at.y), 'click', '1'], { env });
  await run('xdotool', ['key', '--clearmodifiers', keys], { env });
}

/**
 * Right-clicks at `at` (or clicks with another `mouseButton`) and picks an entry of the menu that
 * opens with the keyboard, as a person would: each key in `keys` after a pause for the menu.
 */
export async function pickFromContextMenu(display: string, at: { x: number; y: number }, keys: readonly string[], mouseButton = '3'): Promise<void> {
  const env = { ...process.env, DISPLAY: display };
  await run('xdotool', ['mousemove', String(at.x), String(at.y)], { env });
  await run('xdotool', ['click', mouseButton], { env });
  for (const key of keys) {
    await new Promise((r) => setTimeout(r, 400));
    await run('xdotool', ['key', key], { env });
  }
}

/** Presses keys in whatever has the keyboard now (no click first). */
export async function typeKeys(display: string, keys: string): Promise<void> {
  await run('xdotool', ['key', '--clearmodifiers', keys], { env: { ...process.env, DISPLAY: display } });
}

/** Where the window that has the keyboard is on the screen (X's own answer; there is no window manager). */
export async function focusedWindow(display: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const { stdout } = await run('xdotool', ['getwindowfocus', 'getwindowgeometry', '--shell'], { env: { ...process.env, DISPLAY: display } });
  const v = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split('=') as [string, string]));
  return { x: Number(v.X), y: Number(v.Y), width: Number(v.WIDTH), height: Number(v.HEIGHT) };
}

/** Types text into whatever has the keyboard now (the address bar, say), as keys. */
export async function typeText(display: string, text: string): Promise<void> {
  await run('xdotool', ['type', '--delay', '20', text], { env: { ...process.env, DISPLAY: display } });
}

/** The payload of "screenshot.preferences.save" with Markdown put on the clipboard after an upload. */
export const COPY_MARKDOWN_PREFS = { type: 'FEEDBACK', uploadAtOnce: false, autoCopy: 'markdown', format: 'png', quality: 0.9 } as const;

/** A page of four coloured quarters (red, green / blue, yellow) that fills the viewport. */
export const QUARTERS_HTML = `<!doctype html><html><head><style>
textarea { position: fixed; left: 10px; top: 10px; width: 300px; height: 60px; z-index: 1; }
html, body { margin: 0; overflow: hidden; }
div { position: fixed; width: 50vw; height: 50vh; }
</style></head><body>
<div style="left:0;top:0;background:#ff0000"></div><div style="left:50vw;top:0;background:#00ff00"></div>
<div style="left:0;top:50vh;background:#0000ff"></div><div style="left:50vw;top:50vh;background:#ffff00"></div>
</body></html>`;

/** The colours of the tall page's bands, top to bottom, one a screen. */
export const BAND_COLOURS = ['#ff0000', '#00ff00', '#0000ff', '#ffff00', '#ff00ff'] as const;

/** A page `BAND_COLOURS.length` screens tall, one colour a screen, with a sticky header on top. */
export const TALL_HTML = `<!doctype html><html><head><style>
html, body { margin: 0; scrollbar-width: none; }
::-webkit-scrollbar { display: none; }
header { position: sticky; top: 0; height: 40px; background: #000000; }
section { height: 100vh; }
</style></head><body><header></header>
${BAND_COLOURS.map((c) => `<section style="background:${c}"></section>`).join('')}
</body></html>`;

/** The hex of an [r, g, b] pixel. */
export const hex = ([r, g, b]: readonly number[]) => `#${[r, g, b].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;

/**
 * Decodes image bytes in a page (any page: the browser's own decoder): its size, the colours at
 * `points`, and the distinct colours inside `rect` (at most 8), to tell that a box is uniform.
 */
export const DECODE_SCRIPT = async ([b64, points, rect]: [string, [number, number][], { x: number; y: number; width: number; height: number } | null]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes]));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const at = points.map(([x, y]) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3)));
  const colours = new Set<string>();
  if (rect) {
    const data = ctx.getImageData(rect.x, rect.y, rect.width, rect.height).data;
    for (let i = 0; i < data.length && colours.size < 8; i += 4) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
  }
  return { width: bitmap.width, height: bitmap.height, at, inRect: [...colours] };
};

/** What DECODE_SCRIPT answers. */
export type Decoded = Awaited<ReturnType<typeof DECODE_SCRIPT>>;
