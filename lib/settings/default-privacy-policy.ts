/**
 * The privacy policy a new shop starts with, in Markdown; the site owner publishes new versions in
 * the back office (Texts). {retention:…} names the period the jobs apply now (privacy.retentionDays);
 * {inactive-accounts} says what the inactive-accounts rule does, and nothing while it is off.
 */
export const DEFAULT_PRIVACY_POLICY = `## Who we are

This shop sells licences for photographs. We are the controller of the personal data described here.

## What we collect and why

- Your account: name, e-mail address, password (stored only as a one-way hash) and, if you give them, company, address, phone number and answers to our registration questions. We need them to run your account and your orders (contract).
- Your consents: when you confirm your age, accept this notice or opt in to marketing mail, we record which text you saw, when, and from which IP address, because we must be able to prove consent.
- Your activity: searches, previews opened, comps downloaded and sign-ins (time, IP address, browser, operating system and the country derived from the IP address). We keep them to show them to you, to protect your account and to apply territory restrictions (legitimate interest).
- Changes to your details: when you change your details in My Account, we record which fields changed (never what you wrote), when, and from which IP address, as a record of who changed what (legitimate interest: security and accountability).
- Our staff's access: our staff open your account's data only for a reason they state (an order question, a data-subject request, a sign-in problem, a security check), and we record who opened it, when, from where and why; the same record notes what staff change for you, such as locking the account, ending its sessions or changing your sign-in e-mail address. The record holds ids, never your details, and is kept {retention:audit-retention} (legitimate interest: security and accountability).
- Visitors who are not signed in: the same activity without any link to a person, with the IP address shortened.
- Marketing mail: only if you opted in, we send you occasional newsletters about new collections and offers at your account's e-mail address (consent). Every newsletter has a link that unsubscribes you with one click, without signing in; we record the withdrawal in the consent record (without an IP address) and send you no more newsletters. You can also turn it off, and on again, in My Account.
- Usage statistics: we count how often each function of the shop is used per day (for example searches, previews, additions to carts, orders and registrations). A count holds only the day, the function and the number: no account, e-mail or IP address and no cookie, so it cannot be linked to you.
- Lightboxes and your cart: the images you keep and the notes you write on them, and the licences in your cart, to let you come back to them (contract). If you fill a lightbox or a cart before signing in, we keep it under a random number in a cookie and move it into your account when you sign in or register.
- Shares: when you send a lightbox or an image to someone, we keep their e-mail address, your message, when the link was sent and when it was last opened, so that you can see and withdraw your shares; the link stops working when it expires or you withdraw it.
- Orders and invoices: your billing details as you gave them at checkout (name, company, address, country, VAT number), the licences you bought, the version of the licence terms you accepted, the country of your IP address at checkout (the second proof of your location that EU VAT rules require), payments and reminders (contract and legal obligation). Invoices are never changed after they are issued (a correction is a credit note), except that the billing details on them are redacted when the period tax law requires ends.
- Downloads of images you bought: when and from which IP address, as proof of delivery (contract). When you ask for all files of an order as one ZIP, we keep that ZIP for you until its link expires.

## How long we keep it

Searches, previews, comp downloads and sign-ins {retention:activity}, and the IP addresses recorded with them {retention:login-ip}; visitors' activity {retention:activity-guests}; a signed-in session (with its IP address and browser) {retention:session-history} after it ends; the links we mail you (activation, password reset, e-mail change) 7 days after they are used or expire; accounts never activated {retention:unactivated-accounts}; the record of changes to your details {retention:audit-retention}; a lightbox or cart kept before signing in {retention:guest-visit} after its last change; shares {retention:share-link} after the link expired or was withdrawn; a ZIP of an order's files until its link expires (7 days after it is ready, unless we set another period), then it is deleted; orders, invoices, credit notes and payments {retention:tax-record}, as tax law requires, after which the name, address and other billing details on them are redacted automatically; lightboxes, carts and download records as long as your account exists, the IP address of a download {retention:login-ip}; a request to delete your account, and what we did about it, 3 years after it was closed.

We also keep every attempt to sign in to your account (time, IP address, browser and whether it succeeded) for {retention:access-log}, to protect your account (legitimate interest: security); you can see them in My Account under Sign-in attempts.

Daily automatic jobs delete or shorten the data when its period is over (for orders and invoices, the name, address and other billing details on them are redacted after the legal period; the records themselves stay, without them, in our books). When we change a period, this text changes with it.

{inactive-accounts}

## Your rights

You have the right to see the data we hold about you, to have it corrected, to receive a copy and to have it erased (except invoices, which tax law makes us keep). In My Account you can see everything we hold about you under My data and download a copy of it (a ZIP with one file per kind of data and your invoices, kept for you for 7 days unless we set another period), correct your details and withdraw marketing consent with one click (also from the link in any newsletter, without signing in). Under Delete my account you see what would be erased and what would be kept, and why; after you type your password and confirm with a link we e-mail you, your account is locked for 7 days (unless we set another period), during which the same link cancels the deletion. Then your details, activity, lightboxes, shares, cart, sign-ins and the addresses recorded with your consents and actions are erased; your orders and invoices stay, with the billing details on them, for the {retention:tax-record} tax law requires (then those details are redacted automatically), and the proof of your consents and of what was done with your data stays without your name or address. An account cannot be deleted while an invoice is unpaid. As the account is erased we send a last e-mail to its address listing what was erased and what was kept, and then keep no copy of that e-mail. For any other request, write to us through the contact details on this site. When a request reaches us by mail, we first send a link to the e-mail address of the account (or the address you wrote from) to confirm it comes from you. If you ask us by mail to erase your account, we erase it after you have confirmed the request through that link, without the waiting period of Delete my account, as long as no invoice is unpaid, and you receive the same last e-mail. We answer within one month of receiving it; if a request is complex we may extend this once by up to two more months, and then tell you why within the first month. You may ask us to restrict the processing of your account: we then keep your data but do not process your orders and send you only messages about your requests and the security of your account, and we tell you before we lift the restriction. You may also complain to your data protection authority.

## Changes to this policy

Every change to this policy is a new version with its date, and we keep the earlier versions. When a change matters for your data, we tell you the next time you sign in, with a short note of what changed, until you confirm that you have seen it.

## Cookies

We use only the cookies needed to keep you signed in, to recognise a browser that has signed in to your account before (so that someone guessing your password elsewhere cannot lock you out; it holds a random number and nothing about you), to keep a lightbox or cart you fill before signing in (a random number that ends with your browser session), and, if you ask us to, to remember your e-mail address on the sign-in page.`;
