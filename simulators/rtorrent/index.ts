export * from './rtorrent.simulator';
export * from './rtorrent.state';
export { RTORRENT_VERSION } from './rtorrent.rpc';
export { I4, RpcFault, type RpcValue, type RpcStruct, parseCall, responseXml, faultXml } from './xmlrpc';
export { RUTORRENT_THROTTLE_MAX } from './rtorrent.httprpc';
