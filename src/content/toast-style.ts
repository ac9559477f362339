/** The toast's styles, inside its closed shadow root where page styles cannot reach. */
export const TOAST_CSS = `
:host { all: initial; }
.toast {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; box-sizing: border-box;
  width: min(360px, calc(100vw - 32px)); padding: 12px 14px; border-radius: 10px;
  font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  background: #ffffff; color: #1b1f24; border: 1px solid #c9d1d9; box-shadow: 0 6px 24px rgba(0,0,0,.18);
}
.title { font-weight: 600; margin: 0 0 4px; padding-right: 24px; }
.body { margin: 0; overflow-wrap: anywhere; }
.key { font-family: ui-monospace, monospace; }
.failed .title { color: #b3261e; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
button {
  font: inherit; font-size: 13px; color: inherit; background: transparent; cursor: pointer;
  border: 1px solid #c9d1d9; border-radius: 6px; padding: 4px 9px;
}
button.close { position: absolute; top: 6px; right: 6px; border: none; font-size: 18px; line-height: 1; padding: 2px 6px; }
button:focus-visible { outline: 2px solid #2251d1; outline-offset: 2px; }
.progress { height: 4px; margin-top: 8px; border-radius: 2px; background: #dde3ea; overflow: hidden; }
.progress::after { content: ''; display: block; width: 40%; height: 100%; background: #2251d1; animation: slide 1.2s ease-in-out infinite; }
@keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(250%); } }
@media (prefers-reduced-motion: reduce) { .progress::after { animation: none; width: 100%; } }
@media (prefers-color-scheme: dark) {
  .toast { background: #1e2128; color: #e6e8eb; border-color: #3d444d; }
  button { border-color: #3d444d; }
  .failed .title { color: #ff8f87; }
  .progress { background: #3d444d; }
  .progress::after { background: #7aa2ff; }
  button:focus-visible { outline-color: #7aa2ff; }
}
.pick {
  position: fixed; inset: 0; z-index: 2147483646; cursor: crosshair; background: rgba(34, 81, 209, .08);
}
`;
