import { relations } from 'drizzle-orm';
import { users } from './schema/accounts';
import { images, priceLists, priceTiers } from './schema/catalog';
import { mailOutbox } from './schema/mail';
import { imageMedia } from './schema/media';

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
}));

export const mailOutboxRelations = relations(mailOutbox, ({ one }) => ({
  subjectUser: one(users, { fields: [mailOutbox.subjectUserId], references: [users.id] }),
}));
