export * from './aws';
export * from './assets';
export * from './bootstrap';
export * from './engine';
export * from './stack-operations';
export * from './stack-sets';
