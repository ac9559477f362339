import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { CaptureView } from '../../messaging/protocol';
import { send } from '../../messaging/send';
import type { Redaction } from '../../screenshots/compose';
import type { Rect } from '../../screenshots/geometry';
import type { ScreenshotPreferences } from '../../screenshots/preferences';
import type { PublicSettings } from '../../settings/types';
import { messageOf } from '../popup/format';
import { EditorForm } from './editor-form';
import { PictureBoard, type Tool } from './picture-board';
import { RectFields } from './rect-fields';

interface Loaded {
  capture: CaptureView;
  url: string;
  bitmap: ImageBitmap;
  settings: PublicSettings;
  prefs: ScreenshotPreferences;
}

/** The editor window: the capture, crop and redaction boxes, then the metadata and Upload. */
export function EditorApp() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState('');
  const [crop, setCrop] = useState<Rect>({ x: 0, y: 0, width: 0, height: 0 });
  const [boxes, setBoxes] = useState<Redaction[]>([]);
  const [tool, setTool] = useState<Tool>('black');

  useEffect(() => {
    const id = new URLSearchParams(location.search).get('capture') ?? '';
    void (async () => {
      try {
        const [capture, settings, prefs] = await Promise.all([send('screenshot.get', { id }), send('settings.get', null), send('screenshot.preferences.get', null)]);
        const blob = new Blob([capture.bytes], { type: 'image/png' });
        const bitmap = await createImageBitmap(blob);
        setCrop(capture.crop ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height });
        setLoaded({ capture, url: URL.createObjectURL(blob), bitmap, settings, prefs });
      } catch (e) {
        setError(messageOf(e));
      }
    })();
  }, []);

  if (error) return <main class="shot-editor"><h1>{t('shot_editorTitle')}</h1><p class="error" role="alert">{error}</p></main>;
  if (!loaded) return <main class="shot-editor"><h1>{t('shot_editorTitle')}</h1><p class="hint" role="status">{t('common_loading')}</p></main>;
  const size = { width: loaded.bitmap.width, height: loaded.bitmap.height };
  const setBox = (i: number, next: Redaction | null) => setBoxes((all) => (next ? all.map((b, j) => (j === i ? next : b)) : all.filter((_, j) => j !== i)));
  const tools: [Tool, string][] = [['black', t('shot_toolBlack')], ['pixelate', t('shot_toolPixelate')], ['crop', t('shot_toolCrop')]];

  return (
    <main class="shot-editor">
      <h1>{t('shot_editorTitle')}</h1>
      {!(loaded.settings.apiBase && (loaded.settings.hasToken || loaded.settings.needsSignIn)) && <p class="error" role="alert">{t('popup_connectFirst')}</p>}
      {loaded.capture.note && <p class="notice">{loaded.capture.note}</p>}
      <div class="shot-layout">
        <section class="shot-picture" aria-labelledby="shot-picture-title">
          <h2 id="shot-picture-title">{t('shot_pictureHeading', size.width, size.height)}</h2>
          <fieldset class="tools">
            <legend>{t('shot_dragDraws')}</legend>
            {tools.map(([value, label]) => (
              <label key={value}><input type="radio" name="tool" value={value} checked={tool === value} onChange={() => setTool(value)} /> {label}</label>
            ))}
          </fieldset>
          <PictureBoard src={loaded.url} size={size} crop={crop} boxes={boxes} tool={tool}
            onDraw={(r) => (tool === 'crop' ? setCrop(r) : setBoxes((all) => [...all, { ...r, mode: tool }]))} />
        </section>
        <section class="shot-side" aria-labelledby="shot-edit-title">
          <h2 id="shot-edit-title">{t('shot_editHeading')}</h2>
          <fieldset>
            <legend>{t('shot_cropLegend', crop.width, crop.height)}</legend>
            <RectFields idPrefix="crop" value={crop} bounds={size} onChange={setCrop} />
            <button type="button" class="small" onClick={() => setCrop({ x: 0, y: 0, ...size })}>{t('shot_cropReset')}</button>
          </fieldset>
          <fieldset>
            <legend>{t('shot_boxesLegend')}</legend>
            {boxes.length === 0 && <p class="hint">{t('shot_noBoxes')}</p>}
            <ol class="boxes">
              {boxes.map((box, i) => (
                <li key={i}>
                  <div class="field">
                    <label for={`box-${i}-mode`}>{t('shot_boxMode', i + 1)}</label>
                    <select id={`box-${i}-mode`} value={box.mode} onChange={(e) => setBox(i, { ...box, mode: e.currentTarget.value as Redaction['mode'] })}>
                      <option value="black">{t('shot_toolBlack')}</option>
                      <option value="pixelate">{t('shot_toolPixelate')}</option>
                    </select>
                  </div>
                  <RectFields idPrefix={`box-${i}`} value={box} bounds={size} onChange={(r) => setBox(i, { ...r, mode: box.mode })} />
                  <button type="button" class="small" onClick={() => setBox(i, null)}>{t('shot_removeBox', i + 1)}</button>
                </li>
              ))}
            </ol>
            <button type="button" class="small" onClick={() => setBoxes((all) => [...all, { x: crop.x, y: crop.y, width: Math.min(100, crop.width), height: Math.min(40, crop.height), mode: 'black' }])}>
              {t('shot_addBox')}
            </button>
          </fieldset>
          <EditorForm bitmap={loaded.bitmap} crop={crop} boxes={boxes} capture={loaded.capture} settings={loaded.settings} prefs={loaded.prefs} />
        </section>
      </div>
    </main>
  );
}
