import { render } from 'preact';
import { OptionsApp } from '../../src/ui/options/options-app';
import '../../src/ui/styles/base.css';
import { localisePage } from '../../src/ui/page-language';

localisePage('page_optionsTitle');
render(<OptionsApp />, document.getElementById('app')!);
