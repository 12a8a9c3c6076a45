import { bootstrapApplication } from '@angular/platform-browser';

import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

// A failed bootstrap leaves a blank page; the browser console is the only place left to say why.
// eslint-disable-next-line no-console
bootstrapApplication(AppComponent, appConfig).catch((err: unknown) => console.error(err));
