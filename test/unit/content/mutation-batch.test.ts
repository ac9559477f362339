// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MutationBatch, type Changes } from '../../../src/content/mutation-batch';

describe('MutationBatch', () => {
  it('hands over everything a page changed since the last time, in one go', async () => {
    const handed: Changes[] = [];
    let scheduled: (() => void)[] = [];
    const batch = new MutationBatch((run) => scheduled.push(run), (c) => handed.push(c));
    const mo = new MutationObserver((records) => batch.take(records));
    document.body.innerHTML = '<img id="a" src="/x.png"><p id="p"></p>';
    mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
    document.getElementById('a')!.setAttribute('src', '/y.png');
    document.body.insertAdjacentHTML('beforeend', '<div id="new"><img></div>text');
    document.getElementById('p')!.remove();
    await new Promise((r) => setTimeout(r, 0));
    expect(scheduled).toHaveLength(1);
    scheduled.splice(0).forEach((run) => run());
    expect(handed).toHaveLength(1);
    expect([...handed[0]!.changed].map((e) => e.id)).toEqual(['a']);
    expect([...handed[0]!.added].map((e) => e.id)).toEqual(['new']);
    expect(handed[0]!.removed).toBe(true);

    // Nothing new, nothing scheduled; then a fresh batch.
    batch.take([]);
    expect(scheduled).toHaveLength(0);
    document.getElementById('a')!.setAttribute('src', '/z.png');
    await new Promise((r) => setTimeout(r, 0));
    scheduled.splice(0).forEach((run) => run());
    expect(handed.map((c) => c.changed.size)).toEqual([1, 1]);
    expect(handed[1]!.removed).toBe(false);
    mo.disconnect();
    scheduled = [];
  });
});
