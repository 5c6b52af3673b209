export * from './engines/dynamodb.js';
