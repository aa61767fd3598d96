import { relations } from 'drizzle-orm';
import { accountTokens, users } from './schema/accounts';
import { activityEvents } from './schema/activity';
import { images, priceLists, priceTiers } from './schema/catalog';
import { consentLedger } from './schema/consent';
import { mailOutbox } from './schema/mail';
import { imageMedia } from './schema/media';
import { sessions } from './schema/sessions';

export const priceListsRelations = relations(priceLists, ({ many }) => ({
  tiers: many(priceTiers),
  images: many(images),
}));

export const priceTiersRelations = relations(priceTiers, ({ one }) => ({
  priceList: one(priceLists, { fields: [priceTiers.priceListId], references: [priceLists.id] }),
}));

export const imagesRelations = relations(images, ({ one }) => ({
  priceList: one(priceLists, { fields: [images.priceListId], references: [priceLists.id] }),
  media: one(imageMedia, { fields: [images.id], references: [imageMedia.imageId] }),
}));

export const imageMediaRelations = relations(imageMedia, ({ one }) => ({
  image: one(images, { fields: [imageMedia.imageId], references: [images.id] }),
}));

export const usersRelations = relations(users, ({ many }) => ({
  mail: many(mailOutbox),
  tokens: many(accountTokens),
  sessions: many(sessions),
  consents: many(consentLedger),
  activity: many(activityEvents),
}));

export const accountTokensRelations = relations(accountTokens, ({ one }) => ({
  user: one(users, { fields: [accountTokens.userId], references: [users.id] }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const consentLedgerRelations = relations(consentLedger, ({ one }) => ({
  subject: one(users, { fields: [consentLedger.subjectUserId], references: [users.id] }),
}));

export const activityEventsRelations = relations(activityEvents, ({ one }) => ({
  subject: one(users, { fields: [activityEvents.subjectUserId], references: [users.id] }),
  image: one(images, { fields: [activityEvents.imageId], references: [images.id] }),
}));

export const mailOutboxRelations = relations(mailOutbox, ({ one }) => ({
  subjectUser: one(users, { fields: [mailOutbox.subjectUserId], references: [users.id] }),
}));
