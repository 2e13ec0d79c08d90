// Uses cookie-charter as an npm package: mount with options, show the choice, react to changes.
import { mount, getConsent, on, reset, showPreferences, type Consent } from 'cookie-charter';

const consentOutput = document.querySelector<HTMLOutputElement>('#consent')!;
const eventsOutput = document.querySelector<HTMLOutputElement>('#events')!;
let events = 0;

function show(consent: Consent | null): void {
  consentOutput.value = consent === null ? 'aucun' : consent.audience ? 'mesure acceptée' : 'mesure refusée';
}

on('change', (consent) => {
  events += 1;
  eventsOutput.value = String(events);
  show(consent);
});

document.querySelector('#preferences')!.addEventListener('click', () => void showPreferences());
document.querySelector('#reset')!.addEventListener('click', () => void reset());

// Not awaited: the app goes on while the component starts; the promise says when it shows.
void mount({ audienceSrc: '/stub-audience.js', lang: 'fr', preset: 'saintnazaire', consentDays: 30 }).then(() => {
  show(getConsent());
  document.body.dataset.mounted = 'true';
});
