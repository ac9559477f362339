import { render } from 'preact';
import { PopupApp } from '../../src/ui/popup/popup-app';
import '../../src/ui/styles/base.css';

render(<PopupApp />, document.getElementById('app')!);
