import { defineFaultSuite } from './faultSuite.js';

defineFaultSuite('sqlite');
