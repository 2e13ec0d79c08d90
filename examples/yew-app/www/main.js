// Starts the Yew application (a module of its own: a strict CSP allows no inline script).
import init from './pkg/yew-app.js';

init();
