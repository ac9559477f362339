import { render } from 'preact';
import { EditorApp } from '../../src/ui/screenshot/editor-app';
import '../../src/ui/styles/base.css';
import '../../src/ui/styles/screenshot.css';
import { localisePage } from '../../src/ui/page-language';

localisePage('shot_editorTitle');
render(<EditorApp />, document.getElementById('app')!);
