export { JELLYFIN_PRODUCT_NAME } from './jellyfin.dto';
export * from './jellyfin.simulator';
export * from './jellyfin.state';
