// pwkit apri: the little JavaScript of the pages, written for pwkit (no framework, no build).
"use strict";
