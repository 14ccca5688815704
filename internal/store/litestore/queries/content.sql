-- name: SubjectUpsert :exec
INSERT INTO subjects (id, institution_id, title, title_en, icon, is_published, is_paid, full_price_cents,
    discounted_price_cents, position, created_at)
VALUES (@id, @institution_id, @title, @title_en, @icon, @is_published, @is_paid, @full_price_cents,
    @discounted_price_cents, @position, @created_at)
ON CONFLICT (id) DO UPDATE SET institution_id = excluded.institution_id, title = excluded.title,
    title_en = excluded.title_en, icon = excluded.icon, is_published = excluded.is_published,
    is_paid = excluded.is_paid, full_price_cents = excluded.full_price_cents,
    discounted_price_cents = excluded.discounted_price_cents, position = excluded.position;

-- name: SubjectGet :one
SELECT * FROM subjects WHERE id = ?;

-- name: TrackUpsert :exec
INSERT INTO tracks (id, subject_id, title, title_en, is_default, unlock_level, icon, description, is_paid,
    is_sold_separately, standalone_price_cents, discounted_price_cents, is_published, position, created_at)
VALUES (@id, @subject_id, @title, @title_en, @is_default, @unlock_level, @icon, @description, @is_paid,
    @is_sold_separately, @standalone_price_cents, @discounted_price_cents, @is_published, @position, @created_at)
ON CONFLICT (id) DO UPDATE SET subject_id = excluded.subject_id, title = excluded.title,
    title_en = excluded.title_en, is_default = excluded.is_default, unlock_level = excluded.unlock_level,
    icon = excluded.icon, description = excluded.description, is_paid = excluded.is_paid,
    is_sold_separately = excluded.is_sold_separately, standalone_price_cents = excluded.standalone_price_cents,
    discounted_price_cents = excluded.discounted_price_cents, is_published = excluded.is_published,
    position = excluded.position;

-- name: UnitUpsert :exec
INSERT INTO units (id, subject_id, track_id, title, title_en, structure_type, is_free_preview,
    is_linear_topics, is_published, position, created_at)
VALUES (@id, @subject_id, @track_id, @title, @title_en, @structure_type, @is_free_preview,
    @is_linear_topics, @is_published, @position, @created_at)
ON CONFLICT (id) DO UPDATE SET subject_id = excluded.subject_id, track_id = excluded.track_id,
    title = excluded.title, title_en = excluded.title_en, structure_type = excluded.structure_type,
    is_free_preview = excluded.is_free_preview, is_linear_topics = excluded.is_linear_topics,
    is_published = excluded.is_published, position = excluded.position;

-- name: TopicUpsert :exec
INSERT INTO topics (id, unit_id, title, title_en, description, is_free_preview, is_linear, is_published,
    position, created_at)
VALUES (@id, @unit_id, @title, @title_en, @description, @is_free_preview, @is_linear, @is_published,
    @position, @created_at)
ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, title = excluded.title, title_en = excluded.title_en,
    description = excluded.description, is_free_preview = excluded.is_free_preview,
    is_linear = excluded.is_linear, is_published = excluded.is_published, position = excluded.position;

-- name: LessonUpsert :exec
INSERT INTO lessons (id, unit_id, topic_id, title, title_en, xp_reward, is_published, position, created_at)
VALUES (@id, @unit_id, @topic_id, @title, @title_en, @xp_reward, @is_published, @position, @created_at)
ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, topic_id = excluded.topic_id, title = excluded.title,
    title_en = excluded.title_en, xp_reward = excluded.xp_reward, is_published = excluded.is_published,
    position = excluded.position;

-- name: LessonGet :one
SELECT * FROM lessons WHERE id = ?;

-- name: StagesDeleteByLesson :exec
DELETE FROM stages WHERE lesson_id = ?;

-- name: StageInsert :exec
INSERT INTO stages (id, lesson_id, position, title, type, config) VALUES (?, ?, ?, ?, ?, ?);

-- name: StagesByLesson :many
SELECT * FROM stages WHERE lesson_id = ? ORDER BY position, id;
