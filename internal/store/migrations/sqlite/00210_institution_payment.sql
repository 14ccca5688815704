-- What the store tells a student about paying their institution: the currency of its prices (an
-- ISO 4217 code such as JOD; empty: prices are shown without a unit) and how to pay (bank, IBAN,
-- what to write as the reference), in Arabic and in English (empty: nothing is shown).

-- +goose Up
ALTER TABLE institutions ADD COLUMN currency TEXT NOT NULL DEFAULT '';
ALTER TABLE institutions ADD COLUMN payment_note TEXT NOT NULL DEFAULT '';
ALTER TABLE institutions ADD COLUMN payment_note_en TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE institutions DROP COLUMN payment_note_en;
ALTER TABLE institutions DROP COLUMN payment_note;
ALTER TABLE institutions DROP COLUMN currency;
