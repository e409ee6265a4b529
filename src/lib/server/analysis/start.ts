/** The analysis domain's start-up: its job kinds (and, once the programmes seam exists, its goal measures). */
import './datasets';
