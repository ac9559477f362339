import { render } from 'preact';
import { PopupApp } from '../../src/ui/popup/popup-app';
import '../../src/ui/styles/base.css';
import { localisePage } from '../../src/ui/page-language';

localisePage('extName');
render(<PopupApp />, document.getElementById('app')!);
