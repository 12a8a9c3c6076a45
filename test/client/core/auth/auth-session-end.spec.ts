import { HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom, of, throwError } from 'rxjs';

import { AuthClient } from '../../../../client/src/app/core/auth/auth-client.service';
import { AuthService, SESSION_ENDED_NOTICE } from '../../../../client/src/app/core/auth/auth.service';
import { SessionStore } from '../../../../client/src/app/core/auth/session.store';
import { TAB_APIS } from '../../../../client/src/app/core/auth/shared-refresh.service';
import { useNoDomTestBed } from '../../support/no-dom-test-bed';
import { memoryStorage } from '../../support/fake-tabs';

useNoDomTestBed();

const TOKENS = { access_token: 'a1', refresh_token: 'r1', username: 'admin' };

describe('AuthService when the session ends', () => {
  const client = { login: jest.fn(), refresh: jest.fn(), logout: jest.fn() };

  beforeEach(() => {
    client.refresh.mockReturnValue(throwError(() => new HttpErrorResponse({ status: 401 })));
    client.logout.mockReturnValue(of(undefined));
    client.login.mockReturnValue(of(TOKENS));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', children: [] },
          { path: '**', children: [] },
        ]),
        { provide: DOCUMENT, useValue: { defaultView: { localStorage: memoryStorage() } } },
        { provide: TAB_APIS, useValue: { locks: null, channel: null } },
        { provide: AuthClient, useValue: client },
      ],
    });
  });

  const signedInOn = async (url: string) => {
    TestBed.inject(SessionStore).start(TOKENS);
    await TestBed.inject(Router).navigateByUrl(url);
    return TestBed.inject(AuthService);
  };
  const settled = () => new Promise((done) => setTimeout(done, 0));

  it('sends a 401 whose refresh fails to sign-in with "your session ended"', async () => {
    const auth = await signedInOn('/sync');
    await expect(firstValueFrom(auth.tokenAfterUnauthorized('a1'))).rejects.toBeInstanceOf(HttpErrorResponse);
    await settled();
    expect(auth.notice()).toBe(SESSION_ENDED_NOTICE);
    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Fsync');
  });

  it('says the same when a stream reports the session signed out elsewhere', async () => {
    const auth = await signedInOn('/plex');
    auth.expireSession();
    await settled();
    expect(auth.notice()).toBe(SESSION_ENDED_NOTICE);
    expect(TestBed.inject(SessionStore).isLoggedIn()).toBe(false);
  });

  it('says nothing after a log-out here, even if a stream reports the end late', async () => {
    const auth = await signedInOn('/sync');
    auth.logout();
    auth.expireSession();
    await settled();
    expect(auth.notice()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/login');
  });

  it('forgets the notice once signed in again', async () => {
    const auth = await signedInOn('/sync');
    auth.expireSession();
    await firstValueFrom(auth.login('admin', 'pw'));
    expect(auth.notice()).toBeNull();
  });
});
