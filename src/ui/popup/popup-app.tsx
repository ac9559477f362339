import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../../messaging/send';
import type { PublicSettings } from '../../settings/types';

/** The toolbar popup: which Glean it talks to and as whom, or the way to set it up. */
export function PopupApp() {
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    send('settings.get', null).then(setSettings, (e: Error) => setError(e.message));
  }, []);

  const openOptions = () => void browser.runtime.openOptionsPage().then(() => window.close());
  const configured = Boolean(settings?.apiBase && settings.hasToken);

  return (
    <main class="popup">
      <h1>Glean Images</h1>
      {error && <p class="error" role="alert">{error}</p>}
      {settings && !configured && (
        <>
          <p>Connect the extension to your Glean first.</p>
          <div class="actions">
            <button type="button" class="primary" onClick={openOptions}>Open settings</button>
          </div>
        </>
      )}
      {settings && configured && (
        <>
          <p>Connected to <code>{new URL(settings.apiBase).host}</code></p>
          {settings.tokenType === 'global' && <p class="acting-as">acting as {settings.actAs}</p>}
          <div class="actions">
            <button type="button" onClick={openOptions}>Settings</button>
          </div>
        </>
      )}
    </main>
  );
}
