import { defineMigrationSuite } from './migrationsSuite.js';

defineMigrationSuite('sqlite');
