import { defineSecondRoundOfferSuite } from './secondRoundOfferSuite.js';

defineSecondRoundOfferSuite('sqlite');
