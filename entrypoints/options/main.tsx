import { render } from 'preact';
import { OptionsApp } from '../../src/ui/options/options-app';
import '../../src/ui/styles/base.css';

render(<OptionsApp />, document.getElementById('app')!);
