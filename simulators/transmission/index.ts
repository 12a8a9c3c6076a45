export * from './transmission.simulator';
export * from './transmission.state';
export { RPC_VERSION, TRANSMISSION_VERSION } from './transmission.methods';
