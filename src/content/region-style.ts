/** The region selection's styles, inside its closed shadow root where page styles cannot reach. */
export const REGION_CSS = `
:host { all: initial; }
.layer { position: fixed; inset: 0; z-index: 2147483647; cursor: crosshair; background: rgba(0,0,0,.25); }
.box { position: fixed; border: 1px solid #fff; outline: 1px dashed #2251d1; box-sizing: border-box; display: none; }
.size, .hint { position: fixed; font: 13px/1.3 system-ui, sans-serif; color: #fff; background: #1b1f24; padding: 3px 7px; border-radius: 5px; white-space: nowrap; }
.hint { left: 50%; top: 12px; transform: translateX(-50%); }
.size { display: none; }
`;
