import { defineNotifierSuite } from './notifierSuite.js';

// Starts its own throwaway PostgreSQL 15 cluster; fails (never skips) if it cannot.
defineNotifierSuite('pg');
