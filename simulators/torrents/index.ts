export * from './basic-auth';
export * from './bencode';
export * from './generate';
export * from './metainfo';
export * from './transfer';
