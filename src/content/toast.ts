/**
 * The in-page toast for right-click uploads: progress, then the key with copy buttons and "Show",
 * or the reason in words with "Retry". It lives in a closed shadow root, so page styles cannot
 * break it and page scripts can neither read it (the key is the user's, not the page's) nor reach
 * its buttons; the extension keeps the root in its own content-script world, which pages cannot
 * see. Each button that asks the background for something works once per toast. It is announced
 * to screen readers.
 */
import { send } from '../messaging/send';
import { messageLanguage, t, type MessageKey } from '../i18n/t';
import type { ToastState } from './page-tools-protocol';
import { TOAST_CSS } from './toast-style';

const TAG = 'glean-images-toast';
/** Where the toast's host and closed root are kept: a global of the content-script world. */
export const TOAST_SLOT = '__gleanImagesToast';
let hideTimer: ReturnType<typeof setTimeout> | undefined;

interface Mounted {
  host: HTMLElement;
  root: ShadowRoot;
}
const scope = globalThis as unknown as Record<typeof TOAST_SLOT, Mounted | undefined>;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

async function copy(text: string, button: HTMLButtonElement, label: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = t('toast_copied');
  } catch {
    button.textContent = t('toast_copyFailed');
  }
  setTimeout(() => (button.textContent = label), 1500);
}

function copyButton(text: string, key: MessageKey): HTMLButtonElement {
  const label = t(key);
  return button(label, (b) => void copy(text, b, label));
}

// A private-use character stands in for the element: no translation contains it, so splitting on it
// finds where the translation put the element.
const MARK = '\ue000';

/** A message with one element in it ("Key: <span>…</span>"), wherever the translation puts $1. */
function withElement(key: MessageKey, el: HTMLElement): (Node | string)[] {
  const [before = '', after = ''] = t(key, MARK).split(MARK);
  return [before, el, after];
}

function button(label: string, onClick: (b: HTMLButtonElement) => void): HTMLButtonElement {
  const b = element('button', { type: 'button', textContent: label });
  b.addEventListener('click', () => onClick(b));
  return b;
}

/** A button that asks the background once: then it is spent, even if kept after the toast went. */
function requestButton(label: string, request: () => Promise<unknown>): HTMLButtonElement {
  let spent = false;
  return button(label, (b) => {
    if (spent) return;
    spent = true;
    b.disabled = true;
    void request().catch(() => undefined);
  });
}

/** Removes the toast. */
export function hideToast(): void {
  clearTimeout(hideTimer);
  scope[TOAST_SLOT]?.host.remove();
  scope[TOAST_SLOT] = undefined;
}

// Kept in the content-script world's global rather than a module variable: a re-injected page
// part (a new module) must reuse the toast an earlier one put there, never add a second.
function mount(): ShadowRoot {
  const existing = scope[TOAST_SLOT];
  if (existing?.host.isConnected) return existing.root;
  const host = document.createElement(TAG);
  const root = host.attachShadow({ mode: 'closed' });
  root.append(element('style', { textContent: TOAST_CSS }));
  document.documentElement.append(host);
  scope[TOAST_SLOT] = { host, root };
  return root;
}

function content(state: ToastState): HTMLElement[] {
  switch (state.kind) {
    case 'progress':
      return [element('p', { className: 'title' }, state.text), element('div', { className: 'progress' })];
    case 'info':
      return [element('p', { className: 'title' }, t('extName')), element('p', { className: 'body' }, state.message)];
    case 'failed': {
      const actions = element('div', { className: 'actions' });
      if (state.jobId) actions.append(requestButton(t('common_retry'), () => send('toast.retry', { jobId: state.jobId! })));
      return [element('p', { className: 'title' }, t('toast_uploadFailed')), element('p', { className: 'body' }, state.message), actions];
    }
    case 'done':
      return [
        element('p', { className: 'title' }, state.title),
        element('p', { className: 'body' }, ...withElement('toast_keyIs', element('span', { className: 'key' }, state.key))),
        ...(state.note ? [element('p', { className: 'body' }, state.note)] : []),
        element(
          'div',
          { className: 'actions' },
          copyButton(state.key, 'common_copyKey'),
          copyButton(state.url, 'common_copyUrl'),
          copyButton(state.markdown, 'common_copyMarkdown'),
          requestButton(t('toast_show'), () => send('toast.show', { jobId: state.jobId })),
        ),
      ];
  }
}

/** Shows (or replaces) the toast with a new state. */
export function showToast(state: ToastState): void {
  const shadow = mount();
  clearTimeout(hideTimer);
  shadow.querySelector('.toast')?.remove();
  const failed = state.kind === 'failed';
  // In the extension's language, which may not be the page's: screen readers pronounce it right.
  const box = element('div', { className: `toast ${failed ? 'failed' : ''}`, lang: messageLanguage() });
  box.setAttribute('role', failed ? 'alert' : 'status');
  box.setAttribute('aria-live', failed ? 'assertive' : 'polite');
  box.setAttribute('data-state', state.kind);
  box.append(...content(state), button('×', hideToast));
  box.lastElementChild!.className = 'close';
  box.lastElementChild!.setAttribute('aria-label', t('common_close'));
  box.addEventListener('keydown', (e) => e.key === 'Escape' && hideToast());
  shadow.append(box);
  // Results stay a while, unless the pointer or focus is on them; failures stay until closed.
  if (state.kind === 'done' || state.kind === 'info') {
    const schedule = () => (hideTimer = setTimeout(hideToast, 15_000));
    box.addEventListener('mouseenter', () => clearTimeout(hideTimer));
    box.addEventListener('focusin', () => clearTimeout(hideTimer));
    box.addEventListener('mouseleave', schedule);
    schedule();
  }
}
