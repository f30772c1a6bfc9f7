import { defineConsoleSuite } from './consoleSuite.js';

// Starts its own throwaway PostgreSQL cluster; fails (never skips) if it cannot.
defineConsoleSuite('pg');
