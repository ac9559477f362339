/**
 * The in-page toast for right-click uploads: progress, then the key with copy buttons and "Show",
 * or the reason in words with "Retry". It lives in a shadow root, so page styles cannot break it
 * (open, so accessibility tools can check it; it holds nothing secret: the page had the picture,
 * and its buttons can only retry this tab's uploads or show the history), and it is announced to
 * screen readers.
 */
import { send } from '../messaging/send';
import { messageLanguage, t, type MessageKey } from '../i18n/t';
import type { ToastState } from './page-tools-protocol';
import { TOAST_CSS } from './toast-style';

const TAG = 'glean-images-toast';
let hideTimer: ReturnType<typeof setTimeout> | undefined;

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

/** Removes the toast. */
export function hideToast(): void {
  clearTimeout(hideTimer);
  document.querySelector(TAG)?.remove();
}

// Found in the page rather than kept in a variable: a re-injected page part must reuse the toast
// an earlier one put there, never add a second.
function mount(): ShadowRoot {
  const existing = document.querySelector(TAG)?.shadowRoot;
  if (existing) return existing;
  const host = document.createElement(TAG);
  const root = host.attachShadow({ mode: 'open' });
  root.append(element('style', { textContent: TOAST_CSS }));
  document.documentElement.append(host);
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
      if (state.jobId) actions.append(button(t('common_retry'), () => void send('toast.retry', { jobId: state.jobId! }).catch(() => undefined)));
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
          button(t('toast_show'), () => void send('toast.show', { jobId: state.jobId }).catch(() => undefined)),
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
