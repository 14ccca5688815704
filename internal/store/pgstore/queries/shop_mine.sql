-- name: PurchaseRequestsOfUser :many
SELECT r.id, r.user_id, r.item_id, r.status, r.price_cents, r.transaction_id, r.created_at, r.decided_at,
    r.decided_by, i.name AS item_name, i.name_en AS item_name_en, i.image AS item_image
FROM purchase_requests r JOIN sales_items i ON i.id = r.item_id
WHERE r.user_id = @user_id
ORDER BY r.created_at DESC, r.id DESC
LIMIT @lim;
