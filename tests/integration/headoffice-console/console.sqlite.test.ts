import { defineConsoleSuite } from './consoleSuite.js';

defineConsoleSuite('sqlite');
