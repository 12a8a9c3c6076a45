export * from './faults';
export * from './random';
export * from './simulator';
