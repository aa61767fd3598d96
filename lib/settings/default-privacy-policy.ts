/** The privacy policy a new shop starts with; the site owner replaces it in the back office. */
export const DEFAULT_PRIVACY_POLICY = `Who we are
This shop sells licences for photographs. We are the controller of the personal data described here.

What we collect and why
- Your account: name, e-mail address, password (stored only as a one-way hash) and, if you give them, company, address, phone number and answers to our registration questions. We need them to run your account and your orders (contract).
- Your consents: when you confirm your age, accept this notice or opt in to marketing mail, we record which text you saw, when, and from which IP address, because we must be able to prove consent.
- Your activity: searches, previews opened, comps downloaded and sign-ins (time, IP address, browser, operating system and the country derived from the IP address). We keep them to show them to you, to protect your account and to apply territory restrictions (legitimate interest).
- Changes to your details: when you change your details in My Account, we record which fields changed (never what you wrote), when, and from which IP address, as a record of who changed what (legitimate interest: security and accountability).
- Our staff's access: our staff open your account's data only for a reason they state (an order question, a data-subject request, a sign-in problem, a security check), and we record who opened it, when, from where and why; the same record notes what staff change for you, such as locking the account, ending its sessions or changing your sign-in e-mail address. The record holds ids, never your details, and is kept 2 years (legitimate interest: security and accountability).
- Visitors who are not signed in: the same activity without any link to a person, with the IP address shortened.

How long we keep it
Searches and previews 12 months; sign-in IP addresses 6 months; visitors' activity 30 days; accounts never activated 7 days; the record of changes to your details 2 years; invoices as long as tax law requires.
We also keep every attempt to sign in to your account (time, IP address, browser and whether it succeeded) for 6 months, to protect your account (legitimate interest: security); you can see them in My Account under Sign-in attempts.

Your rights
In My Account you can see everything we hold about you, download it, correct it, withdraw marketing consent with one click and ask for erasure. You may also complain to your data protection authority.

Cookies
We use only the cookies needed to keep you signed in, to recognise a browser that has signed in to your account before (so that someone guessing your password elsewhere cannot lock you out; it holds a random number and nothing about you), and, if you ask us to, to remember your e-mail address on the sign-in page.`;
