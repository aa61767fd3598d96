import { describe, expect, it } from 'vitest';
import { settingsFromForm } from '@/lib/settings/settings-from-form';

describe('settingsFromForm', () => {
  it('reads only the page’s keys, numbers as numbers, anything else as text for the definition to refuse', () => {
    const form = { 'accounts.consentAge': ' 14 ', 'accounts.rememberDays': 'soon', 'site.name': 'Shop', 'security.sessionHours': '3', other: 'x' };
    expect(settingsFromForm(form, ['accounts.consentAge', 'accounts.rememberDays'])).toEqual({ 'accounts.consentAge': 14, 'accounts.rememberDays': 'soon' });
  });

  it('builds an object setting from its fields, and an empty security address as null', () => {
    expect(settingsFromForm({ 'security.ipBlock.failures': '40', 'security.ipBlock.windowMinutes': '15', 'security.ipBlock.blockMinutes': '' }, ['security.ipBlock'])).toEqual({
      'security.ipBlock': { failures: 40, windowMinutes: 15, blockMinutes: '' },
    });
    expect(settingsFromForm({ 'security.contactEmail': '  ' }, ['security.contactEmail'])).toEqual({ 'security.contactEmail': null });
    expect(settingsFromForm({}, ['security.contactEmail', 'media.watermark'])).toEqual({});
  });

  it("reads a yes/no setting's select as a boolean, and anything else as text for the definition to refuse", () => {
    expect(settingsFromForm({ 'media.cleanThumbnails': 'true' }, ['media.cleanThumbnails'])).toEqual({ 'media.cleanThumbnails': true });
    expect(settingsFromForm({ 'media.cleanThumbnails': 'false' }, ['media.cleanThumbnails'])).toEqual({ 'media.cleanThumbnails': false });
    expect(settingsFromForm({ 'media.cleanThumbnails': 'maybe' }, ['media.cleanThumbnails'])).toEqual({ 'media.cleanThumbnails': 'maybe' });
  });

  it('ticked boxes make the role list; the hidden bare key makes "none ticked" an empty list', () => {
    expect(settingsFromForm({ 'security.totpRoles': '', 'security.totpRoles.admin': 'on', 'security.totpRoles.superadmin': 'on' }, ['security.totpRoles'])).toEqual({
      'security.totpRoles': ['admin', 'superadmin'],
    });
    expect(settingsFromForm({ 'security.totpRoles': '' }, ['security.totpRoles'])).toEqual({ 'security.totpRoles': [] });
  });

  it('keeps question rows in their places and drops only the empty rows at the end', () => {
    const form = {
      'registration.customFields': '',
      'registration.customFields.0.id': 'vat',
      'registration.customFields.0.label': 'VAT number',
      'registration.customFields.0.mode': 'optional',
      'registration.customFields.1.id': '',
      'registration.customFields.1.label': '',
      'registration.customFields.1.mode': 'required',
      'registration.customFields.2.id': 'po',
      'registration.customFields.2.label': 'Order reference',
      'registration.customFields.2.mode': 'off',
      'registration.customFields.3.id': '',
      'registration.customFields.3.label': ' ',
      'registration.customFields.3.mode': 'optional',
    };
    expect(settingsFromForm(form, ['registration.customFields'])['registration.customFields']).toEqual([
      { id: 'vat', label: 'VAT number', mode: 'optional' },
      { id: '', label: '', mode: 'required' },
      { id: 'po', label: 'Order reference', mode: 'off' },
    ]);
  });
});
