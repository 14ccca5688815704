-- name: SalesItemListAll :many
SELECT * FROM sales_items ORDER BY id;

-- name: SalesItemStreamsAll :many
SELECT item_id, stream_id FROM sales_item_streams ORDER BY item_id, stream_id;

-- name: SalesItemBundlesAll :many
SELECT item_id, position, type, subject_id, track_id FROM sales_item_bundle ORDER BY item_id, position;

-- name: SalesItemDelete :execrows
DELETE FROM sales_items WHERE id = $1;

-- name: SubscriptionListByInstitution :many
SELECT s.id, s.user_id, s.season_id, s.type, s.status, s.purchase_request_id, s.created_at, u.email, u.full_name
FROM subscriptions s JOIN users u ON u.id = s.user_id
WHERE u.institution_id = @institution_id AND (@status::text = '' OR s.status = @status::text)
ORDER BY s.id DESC
LIMIT @lim;

-- name: SubscriptionAccessByInstitution :many
SELECT a.subscription_id, a.position, a.type, a.subject_id, a.track_id
FROM subscription_access a JOIN subscriptions s ON s.id = a.subscription_id JOIN users u ON u.id = s.user_id
WHERE u.institution_id = $1
ORDER BY a.subscription_id, a.position;

-- name: SubscriptionOwner :one
SELECT u.institution_id, s.user_id, s.status FROM subscriptions s JOIN users u ON u.id = s.user_id WHERE s.id = $1;

-- name: SubscriptionSetStatus :execrows
UPDATE subscriptions SET status = @status WHERE id = @id;
