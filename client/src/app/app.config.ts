import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';

import { provideApiConfiguration } from './api/api-configuration';
import { initializeApp } from './app.initializer';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { errorInterceptor } from './core/http/error.interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    // errorInterceptor is outermost so it only sees errors the auth interceptor could not recover from.
    provideHttpClient(withInterceptors([errorInterceptor, authInterceptor])),
    // Same origin: generated paths already start with /api.
    provideApiConfiguration(''),
    provideAppInitializer(initializeApp),
  ],
};
