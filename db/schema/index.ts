export * from './accounts';
export * from './catalog';
export * from './mail';
export * from './media';
export * from './settings';
