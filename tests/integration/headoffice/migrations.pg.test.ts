import { defineMigrationSuite } from './migrationsSuite.js';

// Starts its own throwaway PostgreSQL cluster; fails (never skips) if it cannot.
defineMigrationSuite('pg');
