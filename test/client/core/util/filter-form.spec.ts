import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { NavigationStart, Router } from '@angular/router';
import { Subject } from 'rxjs';

import { TEXT_FILTER_DEBOUNCE_MS, bindFilterForm } from '../../../../client/src/app/core/util/filter-form';
import { useNoDomTestBed } from '../../support/no-dom-test-bed';

useNoDomTestBed();

interface Filters {
  readonly q: string;
  readonly status: string;
}

const NONE: Filters = { q: '', status: '' };

let routerEvents: Subject<unknown>;

beforeEach(() => {
  routerEvents = new Subject();
  TestBed.configureTestingModule({ providers: [{ provide: Router, useValue: { events: routerEvents } }] });
});

function bind(initial: Filters = NONE) {
  const url = signal<Filters>(initial);
  const form = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    status: new FormControl('', { nonNullable: true }),
  });
  const emitted: Filters[] = [];
  TestBed.runInInjectionContext(() => bindFilterForm(form, url, ['q'], (f) => emitted.push(f)));
  TestBed.tick();
  return { url, form, emitted };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('bindFilterForm', () => {
  it("mirrors the URL's filters into the form without echoing them back", () => {
    const { url, form, emitted } = bind({ q: 'anna', status: 'ok' });
    expect(form.getRawValue()).toEqual({ q: 'anna', status: 'ok' });
    url.set({ q: '', status: 'failed' });
    TestBed.tick();
    expect(form.getRawValue()).toEqual({ q: '', status: 'failed' });
    jest.advanceTimersByTime(TEXT_FILTER_DEBOUNCE_MS);
    expect(emitted).toEqual([]);
  });

  it('emits a picked filter at once', () => {
    const { form, emitted } = bind();
    form.controls.status.setValue('failed');
    expect(emitted).toEqual([{ q: '', status: 'failed' }]);
  });

  it('emits typed text trimmed, once typing pauses', () => {
    const { form, emitted } = bind();
    form.controls.q.setValue(' an');
    form.controls.q.setValue(' anna ');
    jest.advanceTimersByTime(TEXT_FILTER_DEBOUNCE_MS - 1);
    expect(emitted).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(emitted).toEqual([{ q: 'anna', status: '' }]);
  });

  it('drops typed text still waiting for its pause when a navigation starts', () => {
    const { form, emitted } = bind();
    form.controls.q.setValue('anna');
    routerEvents.next(new NavigationStart(1, '/audit'));
    jest.advanceTimersByTime(TEXT_FILTER_DEBOUNCE_MS);
    expect(emitted).toEqual([]);
    form.controls.q.setValue('ben');
    jest.advanceTimersByTime(TEXT_FILTER_DEBOUNCE_MS);
    expect(emitted).toEqual([{ q: 'ben', status: '' }]);
  });

  it('keeps a trailing space the URL does not have, and does not emit the same filters again', () => {
    const { url, form, emitted } = bind({ q: 'anna', status: '' });
    form.controls.q.setValue('anna ');
    jest.advanceTimersByTime(TEXT_FILTER_DEBOUNCE_MS);
    expect(emitted).toEqual([]);
    url.set({ q: 'anna', status: '' });
    TestBed.tick();
    expect(form.controls.q.value).toBe('anna ');
  });

  it('ignores fields of the URL the form does not have', () => {
    const paged = { q: 'x', status: '', page: '3' };
    const { url, form, emitted } = bind(paged);
    expect(form.getRawValue()).toEqual({ q: 'x', status: '' });
    url.set({ ...paged, page: '4' } as Filters);
    TestBed.tick();
    form.controls.status.setValue('ok');
    expect(emitted).toEqual([{ q: 'x', status: 'ok' }]);
  });
});
