// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Tabs } from '../../../../src/ui/popup/tabs';

afterEach(cleanup);

function renderTabs() {
  const renders = { a: vi.fn(), b: vi.fn(), c: vi.fn() };
  render(
    <Tabs
      label="Sections"
      tabs={[
        { id: 'a', label: 'Alpha', render: (active) => (renders.a(active), <p>alpha content</p>) },
        { id: 'b', label: 'Beta', render: (active) => (renders.b(active), <input aria-label="beta field" />) },
        { id: 'c', label: 'Gamma', render: (active) => (renders.c(active), <p>gamma content</p>) },
      ]}
    />,
  );
  return renders;
}

describe('Tabs', () => {
  it('marks up a tablist with tabs that control their panels', () => {
    renderTabs();
    expect(screen.getByRole('tablist', { name: 'Sections' })).toBeTruthy();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    const panel = screen.getByRole('tabpanel');
    expect(panel.id).toBe(tabs[0]!.getAttribute('aria-controls'));
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[0]!.id);
  });

  it('renders a panel only once its tab is chosen, and keeps it afterwards', () => {
    const renders = renderTabs();
    expect(renders.a).toHaveBeenCalled();
    expect(renders.b).not.toHaveBeenCalled();
    expect(screen.queryByLabelText('beta field')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Beta' }));
    const field = screen.getByLabelText('beta field') as HTMLInputElement;
    field.value = 'typed';
    fireEvent.click(screen.getByRole('tab', { name: 'Alpha' }));
    // Hidden, not unmounted: what was typed survives.
    expect((screen.getByLabelText('beta field', { selector: 'input' }) as HTMLInputElement).value).toBe('typed');
    expect(renders.b).toHaveBeenLastCalledWith(false);
    expect(renders.c).not.toHaveBeenCalled();
  });

  it('moves with the arrow keys, Home and End, wrapping around, and moves focus along', () => {
    renderTabs();
    const [alpha, beta, gamma] = screen.getAllByRole('tab') as HTMLButtonElement[];
    alpha!.focus();
    fireEvent.keyDown(alpha!, { key: 'ArrowRight' });
    expect(beta!.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(beta);
    expect(beta!.tabIndex).toBe(0);
    expect(alpha!.tabIndex).toBe(-1);
    fireEvent.keyDown(beta!, { key: 'ArrowRight' });
    fireEvent.keyDown(gamma!, { key: 'ArrowRight' });
    expect(alpha!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(alpha!, { key: 'ArrowLeft' });
    expect(gamma!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(gamma!, { key: 'Home' });
    expect(document.activeElement).toBe(alpha);
    fireEvent.keyDown(alpha!, { key: 'End' });
    expect(document.activeElement).toBe(gamma);
    expect(screen.getByText('gamma content')).toBeTruthy();
  });

  it('moves from the tab that has focus', () => {
    renderTabs();
    const [, beta, gamma] = screen.getAllByRole('tab') as HTMLButtonElement[];
    fireEvent.click(gamma!);
    beta!.focus();
    fireEvent.keyDown(beta!, { key: 'ArrowRight' });
    expect(gamma!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(gamma!, { key: 'ArrowLeft' });
    expect(beta!.getAttribute('aria-selected')).toBe('true');
  });

  it('ignores other keys', () => {
    renderTabs();
    const [alpha] = screen.getAllByRole('tab');
    fireEvent.keyDown(alpha!, { key: 'ArrowDown' });
    expect(alpha!.getAttribute('aria-selected')).toBe('true');
  });
});
