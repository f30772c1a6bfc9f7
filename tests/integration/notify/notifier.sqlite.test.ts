import { defineNotifierSuite } from './notifierSuite.js';

defineNotifierSuite('sqlite');
