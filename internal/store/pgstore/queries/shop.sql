-- The store: items offered in a season, purchase requests (one pending per user and item,
-- by the partial unique index) and the subscriptions approvals create (one per request, by
-- subscriptions.purchase_request_id UNIQUE).

-- name: ShopItems :many
SELECT * FROM sales_items
WHERE is_active AND season_id = @season_id AND (institution_id IS NULL OR institution_id = @institution_id)
ORDER BY price_cents, id;

-- name: ShopItemsStreams :many
SELECT st.item_id, st.stream_id
FROM sales_item_streams st JOIN sales_items i ON i.id = st.item_id
WHERE i.is_active AND i.season_id = @season_id AND (i.institution_id IS NULL OR i.institution_id = @institution_id)
ORDER BY st.item_id, st.stream_id;

-- name: ShopItemsBundles :many
SELECT b.item_id, b.position, b.type, b.subject_id, b.track_id
FROM sales_item_bundle b JOIN sales_items i ON i.id = b.item_id
WHERE i.is_active AND i.season_id = @season_id AND (i.institution_id IS NULL OR i.institution_id = @institution_id)
ORDER BY b.item_id, b.position;

-- name: ShopItemGet :one
SELECT * FROM sales_items WHERE id = $1;

-- name: ShopItemStreams :many
SELECT stream_id FROM sales_item_streams WHERE item_id = $1 ORDER BY stream_id;

-- name: ShopItemBundle :many
SELECT position, type, subject_id, track_id FROM sales_item_bundle WHERE item_id = $1 ORDER BY position;

-- name: PurchasePendingItems :many
SELECT item_id FROM purchase_requests WHERE user_id = $1 AND status = 'pending' ORDER BY item_id;

-- name: PurchaseRequestInsert :one
INSERT INTO purchase_requests (user_id, item_id, status, price_cents, transaction_id, created_at)
VALUES (@user_id, @item_id, 'pending', @price_cents, @transaction_id, @created_at)
ON CONFLICT (user_id, item_id) WHERE status = 'pending' DO NOTHING
RETURNING id;

-- name: PurchaseRequestGet :one
SELECT r.id, r.user_id, r.item_id, r.status, r.price_cents, r.transaction_id, r.created_at, r.decided_at,
    r.decided_by, u.institution_id, u.email, u.full_name, i.name AS item_name
FROM purchase_requests r JOIN users u ON u.id = r.user_id JOIN sales_items i ON i.id = r.item_id
WHERE r.id = $1;

-- name: PurchaseRequestList :many
SELECT r.id, r.user_id, r.item_id, r.status, r.price_cents, r.transaction_id, r.created_at, r.decided_at,
    r.decided_by, u.institution_id, u.email, u.full_name, i.name AS item_name
FROM purchase_requests r JOIN users u ON u.id = r.user_id JOIN sales_items i ON i.id = r.item_id
WHERE r.status = @status AND (@institution_id::text = '' OR u.institution_id = @institution_id::text)
ORDER BY r.created_at, r.id
LIMIT @lim;

-- name: PurchaseRequestDecide :execrows
UPDATE purchase_requests SET status = @status, decided_at = @decided_at, decided_by = @decided_by
WHERE id = @id AND status = 'pending';

-- name: SubscriptionByPurchase :one
SELECT * FROM subscriptions WHERE purchase_request_id = $1;

-- name: SubscriptionAccessList :many
SELECT type, subject_id, track_id FROM subscription_access WHERE subscription_id = $1 ORDER BY position;
