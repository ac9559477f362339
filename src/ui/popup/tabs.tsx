import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

export interface TabSpec {
  id: string;
  label: string;
  /** Rendered the first time the tab is chosen, then kept (hidden) so its state survives. */
  render: (active: boolean) => ComponentChildren;
}

/**
 * ARIA tabs (tablist, tab, tabpanel) with a roving tabindex: Left/Right move between tabs and
 * choose them, Home/End jump to the ends. Panels render lazily, so opening the popup only pays
 * for the first tab.
 */
export function Tabs({ tabs, label, initial = 0 }: { tabs: TabSpec[]; label: string; initial?: number }) {
  const [selected, setSelected] = useState(initial);
  const [visited, setVisited] = useState<Set<number>>(() => new Set([initial]));
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const choose = (index: number, focus: boolean) => {
    setSelected(index);
    setVisited((v) => (v.has(index) ? v : new Set(v).add(index)));
    if (focus) buttons.current[index]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const last = tabs.length - 1;
    // From the tab that has focus, which a script (or a click elsewhere) may have moved.
    const focused = buttons.current.indexOf(event.target as HTMLButtonElement);
    const current = focused >= 0 ? focused : selected;
    const next =
      event.key === 'ArrowRight' ? (current === last ? 0 : current + 1)
      : event.key === 'ArrowLeft' ? (current === 0 ? last : current - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    choose(next, true);
  };

  return (
    <div class="tabs">
      <div role="tablist" aria-label={label} class="tablist" onKeyDown={onKeyDown}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => void (buttons.current[i] = el)}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={i === selected}
            aria-controls={`panel-${tab.id}`}
            tabIndex={i === selected ? 0 : -1}
            onClick={() => choose(i, false)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab, i) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`panel-${tab.id}`}
          aria-labelledby={`tab-${tab.id}`}
          class="tabpanel"
          hidden={i !== selected}
        >
          {visited.has(i) && tab.render(i === selected)}
        </div>
      ))}
    </div>
  );
}
