// Angular's libraries ship partially compiled; outside the CLI their injectables compile on load (JIT).
import '@angular/compiler';
