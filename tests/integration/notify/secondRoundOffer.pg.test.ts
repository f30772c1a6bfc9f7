import { defineSecondRoundOfferSuite } from './secondRoundOfferSuite.js';

// Starts its own throwaway PostgreSQL 15 cluster; fails (never skips) if it cannot.
defineSecondRoundOfferSuite('pg');
