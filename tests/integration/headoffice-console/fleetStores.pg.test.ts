import { defineFleetStoresSuite } from './fleetStoresSuite.js';

// Starts its own throwaway PostgreSQL cluster; fails (never skips) if it cannot.
defineFleetStoresSuite('pg');
