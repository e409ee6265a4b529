/** The analysis domain's start-up: its job kinds and the goal measure lookup for the programmes' follow-up. */
import './datasets';
import './indicators';
