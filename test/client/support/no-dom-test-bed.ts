import { DOCUMENT } from '@angular/core';
import { TestBed, TestComponentRenderer } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';

/**
 * A test bed for injection-context helpers (signals, effects, forms) without a DOM: a bare document
 * and a renderer that renders nothing. Call once at the top of a spec file.
 */
export function useNoDomTestBed(): void {
  TestBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting());
  beforeEach(() =>
    TestBed.configureTestingModule({
      providers: [
        { provide: DOCUMENT, useValue: {} },
        { provide: TestComponentRenderer, useValue: new TestComponentRenderer() },
      ],
    }),
  );
}
