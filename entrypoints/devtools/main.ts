import { viewBrowser as browser } from '@/lib/transport/view-browser';

// The devtools page only registers the panel; the panel itself is an ordinary extension page.
void browser.devtools.panels.create('CometChat', '/icon/32.png', '/devtools-panel.html');
