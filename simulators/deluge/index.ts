export * from './deluge.simulator';
export * from './deluge.state';
export { DELUGE_VERSION, REMOTE_METHOD_NAMES } from './deluge.core';
export { DelugeRpcClient, type RpcReply } from './deluge.test-client';
