import { defineFleetStoresSuite } from './fleetStoresSuite.js';

defineFleetStoresSuite('sqlite');
