-- name: SalesItemUpsert :exec
INSERT INTO sales_items (id, institution_id, name, name_en, description, season_id, target_grade_id,
    price_cents, discounted_price_cents, image, sku, is_active, created_at)
VALUES (@id, @institution_id, @name, @name_en, @description, @season_id, @target_grade_id,
    @price_cents, @discounted_price_cents, @image, @sku, @is_active, @created_at)
ON CONFLICT (id) DO UPDATE SET institution_id = excluded.institution_id, name = excluded.name,
    name_en = excluded.name_en, description = excluded.description, season_id = excluded.season_id,
    target_grade_id = excluded.target_grade_id, price_cents = excluded.price_cents,
    discounted_price_cents = excluded.discounted_price_cents, image = excluded.image, sku = excluded.sku,
    is_active = excluded.is_active;

-- name: SalesItemStreamsDelete :exec
DELETE FROM sales_item_streams WHERE item_id = ?;

-- name: SalesItemStreamInsert :exec
INSERT INTO sales_item_streams (item_id, stream_id) VALUES (?, ?);

-- name: SalesItemBundleDelete :exec
DELETE FROM sales_item_bundle WHERE item_id = ?;

-- name: SalesItemBundleInsert :exec
INSERT INTO sales_item_bundle (item_id, position, type, subject_id, track_id) VALUES (?, ?, ?, ?, ?);

-- name: SubscriptionInsert :one
INSERT INTO subscriptions (user_id, season_id, type, status, purchase_request_id, created_at)
VALUES (?, ?, ?, ?, ?, ?) RETURNING id;

-- name: SubscriptionAccessInsert :exec
INSERT INTO subscription_access (subscription_id, position, type, subject_id, track_id) VALUES (?, ?, ?, ?, ?);

-- name: SubscriptionsByUser :many
SELECT * FROM subscriptions WHERE user_id = ? ORDER BY id;

-- name: SubscriptionAccessByUser :many
SELECT a.* FROM subscription_access a JOIN subscriptions s ON s.id = a.subscription_id
WHERE s.user_id = ? ORDER BY a.subscription_id, a.position;
