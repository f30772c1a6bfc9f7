import { defineFaultSuite } from './faultSuite.js';

// Starts its own throwaway PostgreSQL cluster; fails (never skips) if it cannot.
defineFaultSuite('pg');
